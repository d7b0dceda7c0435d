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

test("a start Venice refused with 429 gives its slot back", async () => {
  const { pacer, starts, take } = fakePacer(2, 10_000);
  const refused = await pacer.acquire();
  refused.refund();
  await take();
  await take();
  expect(starts).toEqual([0, 0]); // the refunded start did not count
});

test("after a push-back, one creation at a time probes until one succeeds", async () => {
  const pacer = new CreationPacer(10, 60_000); // real time: a held creation really waits
  pacer.pushBack(0);
  const first = await pacer.acquire();
  let secondGranted = false;
  const second = pacer.acquire().then((slot) => ((secondGranted = true), slot));
  await new Promise((r) => setImmediate(r));
  expect(secondGranted).toBe(false); // held while the probe is out
  first.refund(); // refused again: still probing
  const secondSlot = await second;
  let thirdGranted = false;
  const third = pacer.acquire().then((slot) => ((thirdGranted = true), slot));
  await new Promise((r) => setImmediate(r));
  expect(thirdGranted).toBe(false);
  secondSlot.used(); // the probe succeeded: back to the window alone
  await third;
  await Promise.all([pacer.acquire(), pacer.acquire()]); // no longer one at a time
});
