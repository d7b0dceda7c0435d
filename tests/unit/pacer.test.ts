import { CreationPacer } from "../../provider/client/pacer";

/** A pacer on a fake clock: sleeping advances time instantly. */
function fakePacer(perWindow: number, windowMs: number) {
  let now = 0;
  const starts: number[] = [];
  const pacer = new CreationPacer(
    perWindow,
    windowMs,
    () => now,
    async (ms) => {
      now += ms;
    },
  );
  const take = async () => {
    await pacer.acquire();
    starts.push(now);
  };
  return { pacer, starts, take, advance: (ms: number) => (now += ms) };
}

test("no more than the cap start within any window", async () => {
  const { starts, take } = fakePacer(3, 1000);
  await Promise.all(Array.from({ length: 9 }, take));
  expect(starts).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000]);
});

test("a push-back holds every later creation", async () => {
  const { pacer, starts, take } = fakePacer(10, 1000);
  pacer.pushBack(500);
  await take();
  expect(starts).toEqual([500]);
});
