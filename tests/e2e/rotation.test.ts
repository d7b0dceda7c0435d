import { rootProjectCopy } from "../../driver/pulumiCli";
import { CLOCK_OFFSET_VARIABLE } from "../../provider/core/clock";
import { exampleProject } from "../../driver/consumer";
import { cliStack, E2E_TIMEOUT } from "../helpers/e2e";
import type { TestEmulator } from "../helpers/emulator";

/**
 * Rotation, retirement, adoption and the self-lockout guard through the real CLI: examples/rotation
 * as a user installs it, and the root project for declarations that change between runs.
 */
jest.setTimeout(E2E_TIMEOUT);

/** Whether Venice still accepts `secret` (any key may ask for its own rate limits). */
async function authenticates(emu: TestEmulator, secret: string): Promise<boolean> {
  return (await emu.api("GET", "/api_keys/rate_limits", undefined, secret)).status === 200;
}

const byDescription = async (emu: TestEmulator, description: string) =>
  (await emu.control.activeKeys()).filter((k) => k.description === description);

test("changing rotationTrigger rotates with overlap: new key first, the old one retired and still working", async () => {
  const { emu, pulumi } = await cliStack(exampleProject("rotation"), "trigger");
  try {
    await pulumi.up();
    const [old] = await byDescription(emu, "trigger / ci");
    const oldSecret = (await pulumi.secretOutputs()).ciKey as string;

    await pulumi.setConfig("rotation", "2027-03-14-incident");
    expect((await pulumi.preview("--expect-no-changes")).code).not.toBe(0);
    await emu.control.clearRequests();
    const before = Date.now();
    await pulumi.up();

    const writes = (await emu.control.requests()).filter((r) => r.method !== "GET").map((r) => r.method);
    expect(writes).toEqual(["POST", "PATCH"]); // the new key, then the old one's expiry moved
    const ci = await byDescription(emu, "trigger / ci");
    expect(ci).toHaveLength(2);
    const retired = ci.find((k) => k.id === old!.id)!;
    const expiry = Date.parse(retired.expiresAt!);
    expect(expiry).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(expiry).toBeLessThanOrEqual(Date.now() + 86_400_000);
    expect(await authenticates(emu, oldSecret)).toBe(true);
    const newSecret = (await pulumi.secretOutputs()).ciKey as string;
    expect(newSecret).not.toBe(oldSecret);
    expect(await authenticates(emu, newSecret)).toBe(true);
    expect((await pulumi.preview("--expect-no-changes")).code).toBe(0);
  } finally {
    await emu.close();
  }
});

test("an expiry window reached fails the drift gate, up rotates, and the gate passes again", async () => {
  const { emu, pulumi } = await cliStack(exampleProject("rotation"), "window");
  try {
    // The example's own lifetime: 90 days, due for rotation 14 days before the end.
    await pulumi.up();
    const { appExpiresAt, appReadyForRotation } = await pulumi.outputs();
    expect(appReadyForRotation).toBe(false);
    expect((await pulumi.preview("--refresh", "--expect-no-changes")).code).toBe(0);
    const [first] = await byDescription(emu, "window / app");

    // Venice's clock and the provider's move a minute past the day the window opens, instead of waiting.
    const opens = Date.parse(appExpiresAt as string) - 14 * 86_400_000;
    const jump = opens - Date.now() + 60_000;
    await emu.control.advanceClock(jump);
    pulumi.setEnv({ [CLOCK_OFFSET_VARIABLE]: String(jump) });

    const gate = await pulumi.preview("--refresh", "--expect-no-changes");
    expect(gate.code).not.toBe(0);
    expect(gate.output).toMatch(/replace/);
    await pulumi.up();
    const app = await byDescription(emu, "window / app");
    expect(app).toHaveLength(2); // the new key and the retired one, which still has its own (earlier) expiry
    const current = app.find((k) => k.id !== first!.id)!;
    expect(Date.parse(current.expiresAt!)).toBeGreaterThan(Date.parse(first!.expiresAt!));
    expect((await pulumi.preview("--refresh", "--expect-no-changes")).code).toBe(0);
  } finally {
    await emu.close();
  }
});

test("adoption brings an existing key under management without creating one", async () => {
  const { emu, pulumi } = await cliStack(rootProjectCopy(), "adopt");
  try {
    const made = (
      await emu.api("POST", "/api_keys", { apiKeyType: "INFERENCE", description: "from the dashboard" })
    ).body.data as { id: string; apiKey: string };
    await pulumi.setConfig(
      "keys",
      JSON.stringify({
        legacy: { description: "legacy / app", adoptKeyId: made.id, consumptionLimit: { usd: 3 } },
      }),
    );
    await emu.control.clearRequests();
    await pulumi.up();
    expect((await emu.control.requests()).filter((r) => r.method === "POST")).toEqual([]);
    const keys = await emu.control.activeKeys();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      id: made.id,
      description: "legacy / app",
      consumptionLimits: { usd: 3 },
    });
    expect((await pulumi.outputs()).keyIds).toEqual({ legacy: made.id });
    expect((await pulumi.preview("--refresh", "--expect-no-changes")).code).toBe(0);
    await pulumi.destroy();
    expect(await emu.control.activeKeys()).toEqual([]);
  } finally {
    await emu.close();
  }
});

test("the guard refuses to destroy the admin key the provider runs with", async () => {
  const { emu, pulumi } = await cliStack(rootProjectCopy(), "guard");
  try {
    await pulumi.setConfig(
      "keys",
      JSON.stringify({ ops: { description: "ops admin", apiKeyType: "ADMIN" } }),
    );
    await pulumi.up();
    const ownKey = ((await pulumi.secretOutputs()).keyValues as Record<string, string>).ops!;
    const destroy = await pulumi.run(["destroy", "--yes", "--skip-preview", "--color", "never"], {
      VENICE_ADMIN_API_KEY: ownKey,
    });
    expect(destroy.code).not.toBe(0);
    expect(destroy.output).toMatch(/Refusing to delete key .*ADMIN key this provider runs with/);
    expect(destroy.output).not.toContain(ownKey);
    expect(await byDescription(emu, "ops admin")).toHaveLength(1);
    await pulumi.destroy(); // with the stack's usual admin key it goes
    expect(await emu.control.activeKeys()).toEqual([]);
  } finally {
    await emu.close();
  }
});
