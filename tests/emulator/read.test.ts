import { emulatorSuite } from "../helpers/emulator";

const suite = emulatorSuite();

test("list returns active keys newest first in a list envelope", async () => {
  const first = await suite.create({ description: "first" });
  await suite.emu.control.advanceClock(1000);
  const second = await suite.create({ description: "second" });
  const res = await suite.emu.api("GET", "/api_keys");
  expect(res.status).toBe(200);
  expect(res.body.object).toBe("list");
  expect(res.body.data.map((k: { id: string }) => k.id)).toEqual([second.id, first.id]);
});

test("reads show last6Chars, plural consumptionLimits and usage, never the secret", async () => {
  const key = await suite.create({ consumptionLimit: { usd: 10 } });
  const res = await suite.emu.api("GET", `/api_keys/${key.id}`);
  expect(res.status).toBe(200);
  expect(res.body).not.toHaveProperty("success");
  const data = res.body.data;
  expect(data).toMatchObject({
    id: key.id,
    last6Chars: key.apiKey.slice(-6),
    consumptionLimits: { usd: 10, diem: null, vcu: null },
    createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    lastUsedAt: null,
    usage: { trailingSevenDays: { usd: "0.0000", vcu: "0.0000", diem: "0.0000" } },
    currentPeriodUsage: { usd: "0.0000", diem: "0.0000" },
  });
  expect(JSON.stringify(res.body)).not.toContain(key.apiKey);
});

test("currentPeriodUsage appears only when a USD or DIEM limit is set", async () => {
  const key = await suite.create();
  const res = await suite.emu.api("GET", `/api_keys/${key.id}`);
  expect(res.body.data).not.toHaveProperty("currentPeriodUsage");
});

test("an unknown id is a 400 API key not found", async () => {
  const res = await suite.emu.api("GET", "/api_keys/3b0f5ad4-1f7e-4e0c-9a51-9a4c5d7c0a11");
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ error: "API key not found" });
});

test("a malformed id is a 400 API key not found", async () => {
  const res = await suite.emu.api("GET", "/api_keys/not-a-uuid");
  expect(res.status).toBe(400);
});

test("an expired key vanishes from list and get", async () => {
  const key = await suite.create({ expiresAt: "2031-01-01" });
  await suite.emu.control.advanceClock(Date.parse("2031-01-02") - Date.now());
  expect((await suite.emu.api("GET", "/api_keys")).body.data).toEqual([]);
  expect((await suite.emu.api("GET", `/api_keys/${key.id}`)).status).toBe(400);
});

test("a deleted key vanishes from list and get", async () => {
  const key = await suite.create();
  await suite.emu.api("DELETE", `/api_keys?id=${key.id}`);
  expect((await suite.emu.api("GET", "/api_keys")).body.data).toEqual([]);
  expect((await suite.emu.api("GET", `/api_keys/${key.id}`)).body).toEqual({ error: "API key not found" });
});

test("notFoundStatus 404 switches the unknown-id answer for client tolerance tests", async () => {
  await suite.emu.control.configure({ behaviour: { notFoundStatus: 404 } });
  try {
    const res = await suite.emu.api("GET", "/api_keys/3b0f5ad4-1f7e-4e0c-9a51-9a4c5d7c0a11");
    expect(res.status).toBe(404);
  } finally {
    await suite.emu.control.configure({ behaviour: { notFoundStatus: 400 } });
  }
});
