import { allText, checked, providerFor } from "../helpers/provider";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { BAD_INPUT, withBadInput } from "../fixtures/badInput";

let emu: TestEmulator;
let provider: ReturnType<typeof providerFor>;
beforeAll(async () => {
  emu = await startTestEmulator();
  provider = providerFor(emu);
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const ARGS = {
  description: "ci / staging",
  expiresAt: "2031-06-30",
  consumptionLimit: { usd: 25, diem: 5 },
  limitPeriod: "MONTH",
  modelPrivacy: "PRIVATE_TEXT",
};

async function created(args: Record<string, unknown> = ARGS) {
  const inputs = await checked(provider, args);
  const result = await provider.create(inputs);
  return { inputs, id: result.id, outs: result.outs };
}

test("create makes exactly one key with exactly the declared fields", async () => {
  const { id } = await created();
  const keys = await emu.control.activeKeys();
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatchObject({
    id,
    apiKeyType: "INFERENCE",
    description: "ci / staging",
    expiresAt: "2031-06-30T00:00:00.000Z",
    consumptionLimits: { usd: 25, diem: 5, vcu: null },
    limitPeriod: "MONTH",
    modelPrivacy: "PRIVATE_TEXT",
  });
});

test("create returns the inputs plus the secret and last6Chars", async () => {
  const { inputs, outs } = await created();
  expect(outs).toMatchObject(inputs as unknown as Record<string, unknown>);
  expect(outs.key).toMatch(/^VENICE_INFERENCE_KEY_/);
  expect(outs.last6Chars).toBe((outs.key as string).slice(-6));
  expect(outs.expired).toBe(false);
});

test("create costs exactly one request, the POST", async () => {
  await emu.control.clearRequests();
  await created();
  expect((await emu.control.requests()).map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api_keys"]);
});

test("createdAt, absent from Venice's create answer, is filled in by the next refresh", async () => {
  const { id, outs } = await created();
  expect(outs).not.toHaveProperty("createdAt");
  const read = (await provider.read(id, outs))!;
  expect(read.props).toMatchObject({ createdAt: (await emu.control.activeKeys())[0]!.createdAt });
});

test("read of an unchanged key reports the declared inputs and carries the secret forward", async () => {
  const { id, inputs, outs } = await created();
  const read = (await provider.read(id, outs))!;
  expect(read.id).toBe(id);
  expect(read.inputs).toEqual(inputs);
  expect(read.props).toMatchObject({ ...inputs, key: outs.key, last6Chars: outs.last6Chars });
});

test("read reports every field changed out of band as drift", async () => {
  const { id, outs } = await created();
  await emu.control.editKey(id, {
    description: "edited",
    expiresAt: "2032-01-01T00:00:00.000Z",
    consumptionLimits: { usd: 99, diem: null },
    limitPeriod: "LIFETIME",
    modelPrivacy: "ALL",
  });
  const read = (await provider.read(id, outs))!;
  expect(read.inputs).toEqual({
    description: "edited",
    apiKeyType: "INFERENCE",
    expiresAt: "2032-01-01T00:00:00.000Z",
    consumptionLimit: { usd: 99 },
    limitPeriod: "LIFETIME",
    modelPrivacy: "ALL",
  });
  const diff = await provider.diff(id, read.props, await checked(provider, ARGS));
  expect(diff.changes).toBe(true);
});

test("refresh drops a key deleted out of band", async () => {
  const { id, outs } = await created();
  await emu.control.deleteKey(id);
  expect(await provider.read(id, outs)).toBeUndefined();
});

test("refresh drops a key that expired", async () => {
  const { id, outs } = await created();
  await emu.control.expireKey(id);
  expect(await provider.read(id, outs)).toBeUndefined();
});

test("a 404 for an unknown id is read as gone too", async () => {
  const { id, outs } = await created();
  await emu.control.deleteKey(id);
  await emu.control.configure({ behaviour: { notFoundStatus: 404 } });
  try {
    expect(await provider.read(id, outs)).toBeUndefined();
  } finally {
    await emu.control.configure({ behaviour: { notFoundStatus: 400 } });
  }
});

test("update sends one PATCH with exactly the changed fields and keeps the key value", async () => {
  const { id, outs } = await created();
  const news = await checked(provider, { ...ARGS, description: "renamed", consumptionLimit: { usd: 30 } });
  await emu.control.clearRequests();
  const result = await provider.update(id, outs as never, news);
  expect((await emu.control.requests()).map((r) => r.method)).toEqual(["PATCH"]);
  expect(result.outs).toMatchObject({ description: "renamed", consumptionLimit: { usd: 30 }, key: outs.key });
  const [key] = await emu.control.activeKeys();
  expect(key).toMatchObject({ description: "renamed", consumptionLimits: { usd: 30, diem: null } });
});

test("update clears an expiry explicitly", async () => {
  const { id, outs } = await created();
  const { expiresAt: _, ...rest } = ARGS;
  await provider.update(id, outs as never, await checked(provider, rest));
  expect((await emu.control.activeKeys())[0]!.expiresAt).toBeNull();
});

test("update with nothing to change calls nothing", async () => {
  const { id, outs, inputs } = await created();
  await emu.control.clearRequests();
  const result = await provider.update(id, outs as never, inputs);
  expect(await emu.control.requests()).toEqual([]);
  expect(result.outs).toMatchObject({ key: outs.key });
});

test("update of a key that vanished says to refresh", async () => {
  const { id, outs } = await created();
  await emu.control.deleteKey(id);
  const news = await checked(provider, { ...ARGS, description: "renamed" });
  await expect(provider.update(id, outs as never, news)).rejects.toThrow(/no longer has key.*pulumi refresh/);
});

test("delete removes the key with one call, and deleting again succeeds", async () => {
  const { id, outs } = await created();
  await emu.control.clearRequests();
  await provider.delete(id, outs);
  expect((await emu.control.requests()).map((r) => r.method)).toEqual(["DELETE"]);
  expect(await emu.control.activeKeys()).toEqual([]);
  await expect(provider.delete(id, outs)).resolves.toBeUndefined();
});

test("an ADMIN key can be declared", async () => {
  const { outs } = await created({ description: "ops", apiKeyType: "ADMIN" });
  expect(outs.key).toMatch(/^VENICE_ADMIN_KEY_/);
});

test("every bad-input case is refused by check with the field and the fix, and Venice sees no request", async () => {
  await emu.control.clearRequests();
  for (const [name, args, field, fix] of BAD_INPUT) {
    const { failures } = await provider.check({}, withBadInput(args));
    const failure = failures?.find((f) => f.property === field);
    expect({ name, reason: failure?.reason }).toEqual({ name, reason: expect.stringMatching(fix) });
  }
  expect(await emu.control.requests()).toEqual([]);
});

test("check calls nothing", async () => {
  await emu.control.clearRequests();
  await provider.check({}, { ...ARGS, description: "" });
  await provider.check({}, ARGS);
  expect(await emu.control.requests()).toEqual([]);
});

test("a refused admin key gives the fix and never the key", async () => {
  const wrong = "VENICE_ADMIN_KEY_wrongwrongwrongwrongwrongwrongwrongwrong12";
  const other = providerFor(emu, { VENICE_ADMIN_API_KEY: wrong });
  const err = await other.create(await checked(other, ARGS)).catch((e: unknown) => e);
  expect(String(err)).toMatch(/401.*unknown, revoked or expired.*VENICE_ADMIN_API_KEY/);
  expect(allText(err)).not.toContain(wrong);
  process.env.VENICE_ADMIN_API_KEY = emu.adminKey;
});

test("Venice's 'Admin API key required' answer becomes the INFERENCE-key fix", async () => {
  await emu.control.injectFaults([
    {
      method: "POST",
      path: "/api_keys",
      action: { type: "status", status: 401, body: { error: "Admin API key required" } },
    },
  ]);
  await expect(provider.create(await checked(provider, ARGS))).rejects.toThrow(
    /401 to POST \/api_keys: Admin API key required\. This key is an INFERENCE key; managing keys needs an ADMIN key/,
  );
});

test("an INFERENCE admin key is refused before any call", async () => {
  const other = providerFor(emu, {
    VENICE_ADMIN_API_KEY: "VENICE_INFERENCE_KEY_abcdefabcdefabcdefabcdefabcdefabcdefabcdef",
  });
  await emu.control.clearRequests();
  await expect(other.create(await checked(other, ARGS))).rejects.toThrow(
    /INFERENCE key; managing keys needs an ADMIN key/,
  );
  expect(await emu.control.requests()).toEqual([]);
  process.env.VENICE_ADMIN_API_KEY = emu.adminKey;
});

test("check reports a base URL that is neither https nor loopback", async () => {
  const other = providerFor(emu, { VENICE_BASE_URL: "http://venice.example.com/api/v1" });
  const result = await other.check({}, ARGS);
  expect(result.failures).toEqual([
    { property: "", reason: expect.stringMatching(/VENICE_BASE_URL.*only allowed to loopback/) },
  ]);
  process.env.VENICE_BASE_URL = emu.url;
});

test("the admin key also comes from stack config through configure", async () => {
  const other = providerFor(emu, { VENICE_ADMIN_API_KEY: "" });
  other.configure({
    config: { get: (k: string) => (k === "venice:adminApiKey" ? emu.adminKey : undefined) },
    precedence: "environment-first",
  });
  const result = await other.create(await checked(other, ARGS));
  expect(result.id).toEqual(expect.any(String));
  process.env.VENICE_ADMIN_API_KEY = emu.adminKey;
});
