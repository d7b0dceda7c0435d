import { prepareHttp } from "../../provider/client/pipeline";

/** The fronts call it after Configure so that the first request does not wait for undici to load. */
const loaded = () =>
  Object.keys(require.cache).filter((file) =>
    /undici[\\/]lib[\\/](dispatcher[\\/]agent|api[\\/]api-request)\.js$/.test(file),
  );

test("prepareHttp loads undici's Agent and request modules before any request", async () => {
  for (const file of loaded()) delete require.cache[file];
  expect(loaded()).toEqual([]);
  await prepareHttp();
  expect(loaded()).toHaveLength(2);
});

test("prepareHttp loads nothing of undici's index (fetch, WebSocket, mocks)", async () => {
  await prepareHttp();
  expect(Object.keys(require.cache).some((file) => /undici[\\/]index\.js$/.test(file))).toBe(false);
});

test("a plugin's HTTP preparation loads undici and node:tls (https to Venice needs it) ahead of the first request", async () => {
  const { preparePluginHttp } = await import("../../provider/fronts/shared/pluginRuntime");
  await preparePluginHttp();
  expect(loaded()).toHaveLength(2);
  expect((process as unknown as { moduleLoadList: string[] }).moduleLoadList).toContain("NativeModule tls");
});

test("a plugin's HTTP preparation sets --liftoff-only, and only once undici and node:tls are loaded", async () => {
  // The module object, which a spy can patch (an import namespace cannot be).
  const v8 = require("node:v8") as typeof import("node:v8");
  const seen: Array<{ flag: string; tlsLoaded: boolean; undiciLoaded: number }> = [];
  // Recorded, not applied: a flag change in the test worker would void its code caches.
  const spy = jest.spyOn(v8, "setFlagsFromString").mockImplementation((flag: string) => {
    const list = (process as unknown as { moduleLoadList: string[] }).moduleLoadList;
    seen.push({ flag, tlsLoaded: list.includes("NativeModule tls"), undiciLoaded: loaded().length });
  });
  try {
    const { preparePluginHttp } = await import("../../provider/fronts/shared/pluginRuntime");
    await preparePluginHttp();
    expect(seen).toEqual([{ flag: "--liftoff-only", tlsLoaded: true, undiciLoaded: 2 }]);
  } finally {
    spy.mockRestore();
  }
});
