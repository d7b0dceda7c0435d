import { futureDate, emulatorSuite } from "../helpers/emulator";

const suite = emulatorSuite();

test("update changes only the fields sent and answers with the read shape", async () => {
  const key = await suite.create({ consumptionLimit: { usd: 5 }, modelPrivacy: "PRIVATE_ONLY" });
  const res = await suite.emu.api("PATCH", "/api_keys", { id: key.id, description: "renamed" });
  expect(res.status).toBe(200);
  expect(res.body.success).toBe(true);
  expect(res.body.data).toMatchObject({
    description: "renamed",
    consumptionLimits: { usd: 5, diem: null, vcu: null },
    modelPrivacy: "PRIVATE_ONLY",
    last6Chars: key.apiKey.slice(-6),
  });
  expect(res.body.data).not.toHaveProperty("usage");
});

test.each([[null], [""]])("update with expiresAt %p removes the expiry", async (value) => {
  const key = await suite.create({ expiresAt: futureDate() });
  const res = await suite.emu.api("PATCH", "/api_keys", { id: key.id, expiresAt: value });
  expect(res.body.data.expiresAt).toBeNull();
});

test("a partial consumptionLimit keeps the other currencies", async () => {
  const key = await suite.create({ consumptionLimit: { usd: 5, diem: 2 } });
  const res = await suite.emu.api("PATCH", "/api_keys", { id: key.id, consumptionLimit: { usd: 7 } });
  expect(res.body.data.consumptionLimits).toEqual({ usd: 7, diem: 2, vcu: null });
});

test("a currency set to null removes that cap", async () => {
  const key = await suite.create({ consumptionLimit: { usd: 5, diem: 2 } });
  const res = await suite.emu.api("PATCH", "/api_keys", { id: key.id, consumptionLimit: { diem: null } });
  expect(res.body.data.consumptionLimits).toEqual({ usd: 5, diem: null, vcu: null });
});

test("partialLimitUpdate replace clears omitted currencies (the other reading)", async () => {
  await suite.emu.control.configure({ behaviour: { partialLimitUpdate: "replace" } });
  try {
    const key = await suite.create({ consumptionLimit: { usd: 5, diem: 2 } });
    const res = await suite.emu.api("PATCH", "/api_keys", { id: key.id, consumptionLimit: { usd: 7 } });
    expect(res.body.data.consumptionLimits).toEqual({ usd: 7, diem: null, vcu: null });
  } finally {
    await suite.emu.control.configure({ behaviour: { partialLimitUpdate: "merge" } });
  }
});

test("apiKeyType cannot be changed: the strict schema rejects it", async () => {
  const key = await suite.create();
  const res = await suite.emu.api("PATCH", "/api_keys", { id: key.id, apiKeyType: "ADMIN" });
  expect(res.status).toBe(400);
  expect(res.body.error).toBe("Invalid request parameters");
});

test("update of an unknown or expired id is a 400 not found or expired", async () => {
  const key = await suite.create({ expiresAt: "2031-01-01" });
  await suite.emu.control.expireKey(key.id);
  const res = await suite.emu.api("PATCH", "/api_keys", { id: key.id, description: "x" });
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ error: "API key not found or expired" });
});

test("update without an id is a validation error", async () => {
  const res = await suite.emu.api("PATCH", "/api_keys", { description: "x" });
  expect(res.status).toBe(400);
  expect(res.body.issues[0].path).toEqual(["id"]);
});
