import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { providerFor } from "../helpers/provider";

/**
 * An import is a read by id alone: its inputs become the declaration (`pulumi import` prints them), so
 * they must pass check and diff clean against the imported state, for every setting Venice accepts.
 */
let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

async function madeByHand(body: Record<string, unknown>): Promise<string> {
  const answer = await emu.api("POST", "/api_keys", { apiKeyType: "INFERENCE", ...body });
  return (answer.body.data as { id: string }).id;
}

test.each([
  ["a key with no caps but a non-default limitPeriod", { description: "no caps", limitPeriod: "LIFETIME" }],
  [
    "a key with caps and a period",
    { description: "caps", consumptionLimit: { usd: 3 }, limitPeriod: "MONTH" },
  ],
  ["a key with Venice's defaults", { description: "defaults" }],
])("%s imports with inputs that check accepts and that diff finds unchanged", async (_, body) => {
  const provider = providerFor(emu);
  const id = await madeByHand(body);
  const imported = (await provider.read(id, {}))!;
  expect(imported.inputs).toMatchObject(body);
  const checked = await provider.check({}, imported.inputs as Record<string, unknown>);
  expect(checked.failures).toBeUndefined();
  const diff = await provider.diff(id, imported.props, checked.inputs as never);
  expect(diff).toMatchObject({ changes: false, replaces: [] });
});

test("limitPeriod without a consumptionLimit is created as declared, as Venice accepts it", async () => {
  const provider = providerFor(emu);
  const checked = await provider.check({}, { description: "period only", limitPeriod: "MONTH" });
  expect(checked.failures).toBeUndefined();
  const { id } = await provider.create(checked.inputs as never);
  expect((await emu.control.activeKeys()).find((k) => k.id === id)).toMatchObject({
    limitPeriod: "MONTH",
    consumptionLimits: { usd: null, diem: null },
  });
});
