import { prepareHttp } from "../../provider/client/pipeline";

/** The fronts call it after Configure so that the first request does not wait for undici to load. */
const loaded = () =>
  Object.keys(require.cache).filter((file) =>
    /undici[\\/]lib[\\/](dispatcher[\\/]agent|api[\\/]api-request)\.js$/.test(file),
  );

test("prepareHttp loads undici's Agent and request modules before any request", async () => {
  for (const file of loaded()) delete require.cache[file];
  expect(loaded()).toEqual([]);
  prepareHttp();
  await new Promise((resolve) => setImmediate(resolve));
  expect(loaded()).toHaveLength(2);
});

test("prepareHttp loads nothing of undici's index (fetch, WebSocket, mocks)", async () => {
  prepareHttp();
  await new Promise((resolve) => setImmediate(resolve));
  expect(Object.keys(require.cache).some((file) => /undici[\\/]index\.js$/.test(file))).toBe(false);
});
