import { exampleProject } from "../../driver/consumer";
import { cliStack, E2E_TIMEOUT, stackSecrets } from "../helpers/e2e";

/**
 * examples/environments, installed as a user installs it, for each of its stacks: up creates exactly
 * the declared keys, nothing drifts afterwards, secrets stay encrypted, destroy leaves nothing.
 */
jest.setTimeout(E2E_TIMEOUT);

/** An expiry `days` from now, give or take the few minutes a test takes: the examples use relative expiry. */
const inDays = (days: number) => ({
  asymmetricMatch: (value: unknown) =>
    typeof value === "string" && Math.abs(Date.parse(value) - (Date.now() + days * 86_400_000)) < 10 * 60_000,
  toString: () => `an expiry ${days} days from now`,
  toAsymmetricMatcher: () => `an expiry ${days} days from now`,
});

const EXPECTED: Record<string, Array<Record<string, unknown>>> = {
  dev: [
    {
      description: "dev / ci",
      apiKeyType: "INFERENCE",
      expiresAt: inDays(90),
      consumptionLimits: { usd: 10, diem: null, vcu: null },
      limitPeriod: "MONTH",
      modelPrivacy: "ALL",
    },
    {
      description: "dev / app",
      apiKeyType: "INFERENCE",
      expiresAt: null,
      consumptionLimits: { usd: 2, diem: null, vcu: null },
      limitPeriod: "EPOCH",
      modelPrivacy: "ALL",
    },
  ],
  staging: [
    {
      description: "staging / ci",
      apiKeyType: "INFERENCE",
      expiresAt: inDays(180),
      consumptionLimits: { usd: 25, diem: null, vcu: null },
      limitPeriod: "MONTH",
      modelPrivacy: "ALL",
    },
    {
      description: "staging / app",
      apiKeyType: "INFERENCE",
      expiresAt: null,
      consumptionLimits: { usd: 20, diem: 5, vcu: null },
      limitPeriod: "EPOCH",
      modelPrivacy: "PRIVATE_TEXT",
    },
  ],
  prod: [
    {
      description: "prod / ci",
      apiKeyType: "INFERENCE",
      expiresAt: null,
      consumptionLimits: { usd: 100, diem: null, vcu: null },
      limitPeriod: "MONTH",
      modelPrivacy: "ALL",
    },
    {
      description: "prod / app",
      apiKeyType: "INFERENCE",
      expiresAt: null,
      consumptionLimits: { usd: 500, diem: 50, vcu: null },
      limitPeriod: "EPOCH",
      modelPrivacy: "PRIVATE_ONLY",
    },
    {
      description: "prod / automation (admin)",
      apiKeyType: "ADMIN",
      expiresAt: inDays(30),
      consumptionLimits: { usd: null, diem: null, vcu: null },
      limitPeriod: "EPOCH",
      modelPrivacy: "ALL",
    },
  ],
};

const byDescription = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a.description).localeCompare(String(b.description));

describe.each(Object.keys(EXPECTED))("the %s stack", (stackName) => {
  test("goes through up, a clean preview, refresh, a clean preview again, and destroy without leaking a secret", async () => {
    const { emu, pulumi } = await cliStack(exampleProject("environments"), stackName);
    try {
      await pulumi.up();

      const keys = await emu.control.activeKeys();
      expect(
        keys
          .map(({ description, apiKeyType, expiresAt, consumptionLimits, limitPeriod, modelPrivacy }) => ({
            description,
            apiKeyType,
            expiresAt,
            consumptionLimits,
            limitPeriod,
            modelPrivacy,
          }))
          .sort(byDescription),
      ).toEqual([...EXPECTED[stackName]!].sort(byDescription));

      // Right after up, state lacks createdAt (create is one POST, whose answer has none). The gate's
      // refresh fills it in: an output-only change, which must not count as drift.
      expect((await pulumi.preview("--refresh", "--expect-no-changes")).code).toBe(0);
      await pulumi.refresh();
      expect((await pulumi.preview("--expect-no-changes")).code).toBe(0);

      const secrets = await stackSecrets(pulumi, emu);
      expect(secrets.length).toBe(1 + keys.length);
      const state = await pulumi.exportState();
      for (const secret of secrets) expect(state).not.toContain(secret);
      // The key values are in state, encrypted, as Pulumi secrets.
      const checkpoint = JSON.parse(state) as {
        deployment: { resources: Array<{ type: string; outputs?: Record<string, unknown> }> };
      };
      const apiKeys = checkpoint.deployment.resources.filter(
        (r) => r.type === "pulumi-nodejs:dynamic/venice:ApiKey",
      );
      expect(apiKeys).toHaveLength(keys.length);
      for (const r of apiKeys) {
        expect(r.outputs!.key).toEqual({
          "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
          ciphertext: expect.any(String),
        });
      }

      await pulumi.destroy();
      expect(await emu.control.activeKeys()).toEqual([]);
      for (const secret of secrets) expect(pulumi.allOutput()).not.toContain(secret);
    } finally {
      await emu.close();
    }
  });
});
