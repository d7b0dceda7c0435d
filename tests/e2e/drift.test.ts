import type { EmulatedKey } from "../../emulator";
import { exampleProject } from "../../driver/consumer";
import { cliStack, E2E_TIMEOUT, type PulumiStack } from "../helpers/e2e";
import type { TestEmulator } from "../helpers/emulator";

/**
 * Drift as users gate on it in CI: each declared field changed in Venice's dashboard, and a key deleted
 * there, is caught by `pulumi preview --refresh --expect-no-changes` (non-zero, the field named) and
 * healed by `pulumi up --refresh`.
 */
jest.setTimeout(E2E_TIMEOUT);

let emu: TestEmulator;
let pulumi: PulumiStack;
beforeAll(async () => {
  ({ emu, pulumi } = await cliStack(exampleProject("environments"), "staging"));
  await pulumi.up();
});
afterAll(async () => {
  await pulumi.destroy().catch(() => undefined);
  await emu.close();
});

async function key(description: string): Promise<EmulatedKey> {
  return (await emu.control.activeKeys()).find((k) => k.description === description)!;
}

type Change = Parameters<TestEmulator["control"]["editKey"]>[1];
const CASES: Array<[string, string, Change, string]> = [
  ["description", "staging / ci", { description: "renamed in dashboard" }, "description"],
  ["expiry", "staging / ci", { expiresAt: "2029-01-01T00:00:00.000Z" }, "expiresAt"],
  ["limit", "staging / ci", { consumptionLimits: { usd: 999 } }, "consumptionLimit"],
  ["period", "staging / ci", { limitPeriod: "LIFETIME" }, "limitPeriod"],
  ["model privacy", "staging / app", { modelPrivacy: "ALL" }, "modelPrivacy"],
];

test.each(CASES)(
  "a %s changed out of band is caught by the drift gate and healed",
  async (_name, description, change, field) => {
    const before = await key(description);
    await emu.control.editKey(before.id, change);

    const gate = await pulumi.preview("--refresh", "--expect-no-changes");
    expect(gate.code).not.toBe(0);
    expect(gate.output).toContain(field);
    expect(gate.output).toMatch(/no changes were expected/);

    await pulumi.up("--refresh");
    const after = (await emu.control.activeKeys()).find((k) => k.id === before.id);
    expect(after).toEqual({ ...before, lastUsedAt: after?.lastUsedAt });
    expect((await pulumi.preview("--refresh", "--expect-no-changes")).code).toBe(0);
  },
);

test("a key deleted out of band is caught by the drift gate and recreated", async () => {
  const before = await key("staging / app");
  await emu.control.deleteKey(before.id);

  const gate = await pulumi.preview("--refresh", "--expect-no-changes");
  expect(gate.code).not.toBe(0);
  expect(gate.output).toMatch(/staging-app/);
  expect(gate.output).toMatch(/to create|create/);

  await pulumi.up("--refresh");
  const recreated = await key("staging / app");
  expect(recreated.id).not.toBe(before.id);
  expect(recreated).toMatchObject({ modelPrivacy: "PRIVATE_TEXT", consumptionLimits: { usd: 20, diem: 5 } });
  expect(await emu.control.activeKeys()).toHaveLength(2);
  expect((await pulumi.preview("--refresh", "--expect-no-changes")).code).toBe(0);
});

test("a key that expired is dropped by refresh and recreated by up with a fresh lifetime", async () => {
  const before = await key("staging / ci");
  await emu.control.expireKey(before.id);
  const gate = await pulumi.preview("--refresh", "--expect-no-changes");
  expect(gate.code).not.toBe(0);
  const started = Date.now();
  await pulumi.up("--refresh");
  const recreated = await key("staging / ci");
  expect(recreated.id).not.toBe(before.id);
  // Pulumi.staging.yaml: ciKeyExpireAfter 180d.
  expect(Date.parse(recreated.expiresAt!)).toBeGreaterThanOrEqual(started + 180 * 86_400_000);
  expect(Date.parse(recreated.expiresAt!)).toBeLessThanOrEqual(Date.now() + 180 * 86_400_000);
});
