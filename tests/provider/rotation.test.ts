import { CLOCK_OFFSET_VARIABLE } from "../../provider/core/clock";
import { checked, providerFor } from "../helpers/provider";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

let emu: TestEmulator;
let provider: ReturnType<typeof providerFor>;
beforeAll(async () => {
  emu = await startTestEmulator();
  provider = providerFor(emu);
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

async function created(args: Record<string, unknown>) {
  const inputs = await checked(provider, args);
  const result = await provider.create(inputs);
  return { inputs, id: result.id, outs: result.outs };
}

const HOUR = 3_600_000;

test("a key with expireAfter is created expiring expireAfter from now, with its start recorded", async () => {
  const before = Date.now();
  const { id, outs } = await created({ description: "ci", expireAfter: "90d", rotateBefore: "14d" });
  const [key] = await emu.control.activeKeys();
  expect(key!.id).toBe(id);
  const expiry = Date.parse(key!.expiresAt!);
  expect(expiry).toBeGreaterThanOrEqual(before + 90 * 24 * HOUR);
  expect(expiry).toBeLessThanOrEqual(Date.now() + 90 * 24 * HOUR);
  expect(outs).toMatchObject({ expiresAt: key!.expiresAt, readyForRotation: false, expireAfter: "90d" });
  expect(Date.parse(outs.issuedAt as string) + 90 * 24 * HOUR).toBe(expiry);
});

test("refresh of an expireAfter key keeps the rotation settings and records no expiry input", async () => {
  const { id, outs } = await created({
    description: "ci",
    expireAfter: "90d",
    rotateBefore: "14d",
    retireAfter: "1d",
  });
  const read = (await provider.read(id, outs))!;
  expect(read.props).toMatchObject({
    expireAfter: "90d",
    rotateBefore: "14d",
    retireAfter: "1d",
    issuedAt: outs.issuedAt,
    expiresAt: outs.expiresAt,
  });
  expect(read.inputs).not.toHaveProperty("expiresAt");
  expect(read.inputs).toMatchObject({ expireAfter: "90d" });
  const diff = await provider.diff(
    id,
    read.props!,
    await checked(provider, {
      description: "ci",
      expireAfter: "90d",
      rotateBefore: "14d",
      retireAfter: "1d",
    }),
  );
  expect(diff.changes).toBe(false);
});

test("inside the window diff plans a replacement and readyForRotation turns true on refresh", async () => {
  const { id, outs } = await created({ description: "ci", expireAfter: "1h", rotateBefore: "3599s" });
  // 1.1 s after creation (on the provider's clock and Venice's) the window [expiresAt - 3599 s, ...) is open.
  await emu.control.advanceClock(1_100);
  process.env[CLOCK_OFFSET_VARIABLE] = "1100";
  try {
    const read = (await provider.read(id, outs))!;
    expect(read.props).toMatchObject({ readyForRotation: true });
    const diff = await provider.diff(
      id,
      read.props!,
      await checked(provider, { description: "ci", expireAfter: "1h", rotateBefore: "3599s" }),
    );
    expect(diff.replaces).toEqual(["expiresAt"]);
  } finally {
    delete process.env[CLOCK_OFFSET_VARIABLE];
  }
});

test("removing a key with retireAfter moves its expiry to now + retireAfter instead of deleting it", async () => {
  const { id, outs } = await created({ description: "ci", retireAfter: "2h" });
  const before = Date.now();
  await emu.control.clearRequests();
  await provider.delete(id, outs);
  expect((await emu.control.requests()).map((r) => r.method)).toEqual(["PATCH"]);
  const [key] = await emu.control.activeKeys();
  expect(key!.id).toBe(id);
  expect(Date.parse(key!.expiresAt!)).toBeGreaterThanOrEqual(before + 2 * HOUR);
  expect(Date.parse(key!.expiresAt!)).toBeLessThanOrEqual(Date.now() + 2 * HOUR);
});

test("retirement never extends an expiry the key already had", async () => {
  const soon = new Date(Date.now() + HOUR).toISOString();
  const { id, outs } = await created({ description: "ci", retireAfter: "7d", expiresAt: soon });
  await provider.delete(id, outs);
  expect((await emu.control.activeKeys())[0]!.expiresAt).toBe(new Date(soon).toISOString());
});

test("retiring a key that is already gone succeeds", async () => {
  const { id, outs } = await created({ description: "ci", retireAfter: "1d" });
  await emu.control.deleteKey(id);
  await expect(provider.delete(id, outs)).resolves.toBeUndefined();
});

test("without retireAfter, delete still deletes with one call", async () => {
  const { id, outs } = await created({ description: "ci" });
  await emu.control.clearRequests();
  await provider.delete(id, outs);
  expect((await emu.control.requests()).map((r) => r.method)).toEqual(["DELETE"]);
  expect(await emu.control.activeKeys()).toEqual([]);
});

describe("self-lockout guard", () => {
  async function ownAdminKey() {
    const { id, outs } = await created({ description: "ops admin", apiKeyType: "ADMIN", retireAfter: "1d" });
    return { id, outs, self: providerFor(emu, { VENICE_ADMIN_API_KEY: outs.key as string }) };
  }
  afterEach(() => {
    process.env.VENICE_ADMIN_API_KEY = emu.adminKey;
  });

  test("refuses to delete the admin key it runs with, and says what to do", async () => {
    const { id, outs, self } = await ownAdminKey();
    const { retireAfter: _, ...plain } = outs;
    await expect(self.delete(id, plain)).rejects.toThrow(
      /Refusing to delete key .*ADMIN key this provider runs with.*switch the provider's admin key/,
    );
    expect((await emu.control.activeKeys()).map((k) => k.id)).toContain(id);
  });

  test("refuses to retire (expire) the admin key it runs with", async () => {
    const { id, outs, self } = await ownAdminKey();
    await expect(self.delete(id, outs)).rejects.toThrow(/Refusing to retire key/);
    expect((await emu.control.activeKeys()).find((k) => k.id === id)!.expiresAt).toBeNull();
  });

  test("refuses at preview to replace the admin key it runs with, before any call", async () => {
    const { id, outs, self } = await ownAdminKey();
    await emu.control.clearRequests();
    const news = await checked(self, { description: "ops admin", apiKeyType: "INFERENCE" });
    await expect(self.diff(id, outs, news)).rejects.toThrow(/Refusing to replace key/);
    expect(await emu.control.requests()).toEqual([]);
  });

  test("deletes another ADMIN key normally", async () => {
    const { id, outs } = await created({ description: "other admin", apiKeyType: "ADMIN" });
    await provider.delete(id, outs);
    expect(await emu.control.activeKeys()).toEqual([]);
  });
});
