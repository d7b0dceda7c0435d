import { checked, providerFor } from "../helpers/provider";
import { emulatorSuite } from "../helpers/emulator";

const suite = emulatorSuite();
let provider: ReturnType<typeof providerFor>;
beforeAll(() => {
  provider = providerFor(suite.emu);
});

async function adoptWith(args: Record<string, unknown>) {
  return provider.create(await checked(provider, { description: "adopted", ...args }));
}

test("adoption takes over the existing key: no new key, its fields set to the declaration", async () => {
  const existing = await suite.create({ description: "made in the dashboard" });
  await suite.emu.control.clearRequests();
  const result = await adoptWith({
    adoptKeyId: existing.id,
    consumptionLimit: { usd: 5 },
    limitPeriod: "MONTH",
  });
  expect(result.id).toBe(existing.id);
  expect((await suite.emu.control.requests()).map((r) => r.method)).toEqual(["GET", "PATCH"]);
  const keys = await suite.emu.control.activeKeys();
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatchObject({
    id: existing.id,
    description: "adopted",
    consumptionLimits: { usd: 5 },
    limitPeriod: "MONTH",
  });
});

test("an adopted key has no secret unless adoptKeyValue is given", async () => {
  const existing = await suite.create();
  const result = await adoptWith({ adoptKeyId: existing.id });
  expect(result.outs).not.toHaveProperty("key");
  expect(result.outs).toMatchObject({ last6Chars: existing.apiKey.slice(-6), adoptKeyId: existing.id });
});

test("adoptKeyValue is verified against last6Chars and becomes the key output", async () => {
  const existing = await suite.create();
  const result = await adoptWith({ adoptKeyId: existing.id, adoptKeyValue: existing.apiKey });
  expect(result.outs).toMatchObject({ key: existing.apiKey });
  expect(result.outs).not.toHaveProperty("adoptKeyValue");
});

test("a wrong adoptKeyValue is refused, without echoing it", async () => {
  const existing = await suite.create();
  const wrong = "VENICE_INFERENCE_KEY_notthekeynotthekeynotthekeynotthekey123456";
  const err = await adoptWith({ adoptKeyId: existing.id, adoptKeyValue: wrong }).catch((e: unknown) => e);
  expect(String(err)).toMatch(/Cannot adopt key .*adoptKeyValue is not this key's secret/);
  expect(String(err)).not.toContain(wrong);
  expect((await suite.emu.control.activeKeys())[0]!.description).toBe("test key");
});

test("a key of another type is refused with the reason", async () => {
  const existing = await suite.create({ apiKeyType: "ADMIN" });
  await expect(adoptWith({ adoptKeyId: existing.id })).rejects.toThrow(
    /it is an ADMIN key and the declaration says INFERENCE.*apiKeyType: "ADMIN"/,
  );
});

test("a missing key is refused, pointing at getApiKeys", async () => {
  const existing = await suite.create();
  await suite.emu.control.deleteKey(existing.id);
  await expect(adoptWith({ adoptKeyId: existing.id })).rejects.toThrow(
    /no active key with this id.*getApiKeys/,
  );
  expect(await suite.emu.control.activeKeys()).toEqual([]);
});

test("adopting with expireAfter starts the key's lifetime at adoption", async () => {
  const existing = await suite.create();
  const before = Date.now();
  const result = await adoptWith({ adoptKeyId: existing.id, expireAfter: "30d" });
  const expiry = Date.parse((result.outs as { expiresAt: string }).expiresAt);
  expect(expiry).toBeGreaterThanOrEqual(before + 30 * 86_400_000);
  expect((await suite.emu.control.activeKeys())[0]!.expiresAt).toBe(new Date(expiry).toISOString());
});

test("an adopted key already as declared is taken over without a PATCH", async () => {
  const existing = await suite.create({ description: "adopted" });
  await suite.emu.control.clearRequests();
  await adoptWith({ adoptKeyId: existing.id });
  expect((await suite.emu.control.requests()).map((r) => r.method)).toEqual(["GET"]);
});
