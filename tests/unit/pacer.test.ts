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

test("no more than the cap start within any window, with a margin for transit time", async () => {
  const { starts, take } = fakePacer(3, 10_000);
  await Promise.all(Array.from({ length: 9 }, take));
  expect(starts).toEqual([0, 0, 0, 10_500, 10_500, 10_500, 21_000, 21_000, 21_000]);
});

test("a push-back holds every later creation", async () => {
  const { pacer, starts, take } = fakePacer(10, 1000);
  pacer.pushBack(500);
  await take();
  expect(starts).toEqual([500]);
});
