import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { checked, providerFor } from "../helpers/provider";

let emu: TestEmulator;
beforeAll(async () => {
  // A window of 2 s: scheduling noise on a loaded machine (CI runs two workers) stays well inside the
  // pacer's 5% margin, where 500 ms was within reach of it.
  emu = await startTestEmulator({ limits: { creationsPerWindow: 20, creationWindowMs: 2000 } });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

async function createInParallel(provider: ReturnType<typeof providerFor>, count: number) {
  const inputs = await Promise.all(
    Array.from({ length: count }, (_, i) => checked(provider, { description: `parallel ${i}` })),
  );
  return Promise.allSettled(inputs.map((i) => provider.create(i)));
}

async function tooManyRequests(): Promise<number> {
  return (await emu.control.requests()).filter((r) => r.method === "POST" && r.status === 429).length;
}

test("60 parallel creates under a 20-per-window cap all succeed without Venice refusing any", async () => {
  const provider = providerFor(emu, { VENICE_CREATION_LIMIT: "20", VENICE_CREATION_WINDOW_MS: "2000" });
  const results = await createInParallel(provider, 60);
  expect(results.filter((r) => r.status === "rejected")).toEqual([]);
  expect(await emu.control.activeKeys()).toHaveLength(60);
  const refused = await tooManyRequests();
  console.log(`pacing: 60 creates, ${refused} answered 429 by the emulator`);
  // Without pacing, 40 of the 60 would be refused; the margin makes any refusal a scheduling accident
  // on a loaded machine, and such a refusal is retried, never surfaced (asserted above).
  expect(refused).toBeLessThan(5);
});

test("when another client shares the account, 429s are absorbed by retries and none surfaces", async () => {
  // The provider believes it may make 40 per window; the account allows 20.
  const provider = providerFor(emu, { VENICE_CREATION_LIMIT: "40", VENICE_CREATION_WINDOW_MS: "2000" });
  const results = await createInParallel(provider, 60);
  expect(results.filter((r) => r.status === "rejected")).toEqual([]);
  expect(await emu.control.activeKeys()).toHaveLength(60);
  const refused = await tooManyRequests();
  console.log(`pacing with a mis-set cap: 60 creates, ${refused} answered 429 by the emulator, all retried`);
  expect(refused).toBeGreaterThan(0);
});
