import { startTestEmulator, validKey, type TestEmulator } from "../helpers/emulator";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({
    limits: { creationsPerWindow: 3, creationWindowMs: 60_000, maxActiveKeys: 4, errorBudget: 5 },
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

test("key creations over the per-window cap get 429 with rate-limit headers", async () => {
  for (let i = 0; i < 3; i++) expect((await emu.api("POST", "/api_keys", validKey())).status).toBe(200);
  const res = await emu.api("POST", "/api_keys", validKey());
  expect(res.status).toBe(429);
  expect(res.body).toEqual({ error: "Rate limit exceeded" });
  expect(res.headers.get("x-ratelimit-limit-requests")).toBe("3");
  expect(res.headers.get("x-ratelimit-remaining-requests")).toBe("0");
  expect(Number(res.headers.get("x-ratelimit-reset-requests"))).toBeGreaterThan(Date.now());
});

test("the creation window slides with the emulator clock", async () => {
  for (let i = 0; i < 3; i++) await emu.api("POST", "/api_keys", validKey());
  await emu.control.advanceClock(60_001);
  expect((await emu.api("POST", "/api_keys", validKey())).status).toBe(200);
});

test("a creation 429 is recorded in the rate-limit log", async () => {
  for (let i = 0; i < 4; i++) await emu.api("POST", "/api_keys", validKey());
  const log = await emu.api("GET", "/api_keys/rate_limits/log");
  expect(log.body.object).toBe("list");
  expect(log.body.data).toHaveLength(1);
  expect(log.body.data[0]).toMatchObject({ rateLimitType: "RPM", timestamp: expect.any(String) });
});

test("the active-key cap rejects a create with a 400; deleted and expired keys do not count", async () => {
  await emu.control.configure({ limits: { creationsPerWindow: 100 } });
  try {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await emu.api("POST", "/api_keys", validKey())).body.data.id);
    const over = await emu.api("POST", "/api_keys", validKey());
    expect(over.status).toBe(400);
    expect(over.body.error).toMatch(/maximum number of active API keys/i);
    await emu.api("DELETE", `/api_keys?id=${ids[0]}`);
    await emu.control.expireKey(ids[1]!);
    expect((await emu.api("POST", "/api_keys", validKey())).status).toBe(200);
  } finally {
    await emu.control.configure({ limits: { creationsPerWindow: 3 } });
  }
});

test("more failed 4xx than the error budget locks the caller out with 429", async () => {
  for (let i = 0; i < 6; i++) {
    expect((await emu.api("GET", "/api_keys/3b0f5ad4-1f7e-4e0c-9a51-9a4c5d7c0a11")).status).toBe(400);
  }
  const locked = await emu.api("GET", "/api_keys");
  expect(locked.status).toBe(429);
  expect(locked.headers.get("x-ratelimit-remaining")).toBe("0");
  expect(Number(locked.headers.get("x-ratelimit-resets"))).toBeGreaterThan(Date.now());
});

test("the lock-out lifts when the window ends", async () => {
  for (let i = 0; i < 6; i++) await emu.api("GET", "/api_keys/3b0f5ad4-1f7e-4e0c-9a51-9a4c5d7c0a11");
  await emu.control.advanceClock(30_001);
  expect((await emu.api("GET", "/api_keys")).status).toBe(200);
});

test("5xx answers never count toward the error budget", async () => {
  await emu.control.injectFaults([{ path: "/api_keys", action: { type: "status", status: 500 }, count: 10 }]);
  for (let i = 0; i < 10; i++) expect((await emu.api("GET", "/api_keys")).status).toBe(500);
  expect((await emu.api("GET", "/api_keys")).status).toBe(200);
});

test("failed answers report the remaining error budget", async () => {
  const res = await emu.api("GET", "/api_keys/3b0f5ad4-1f7e-4e0c-9a51-9a4c5d7c0a11");
  expect(res.headers.get("x-ratelimit-remaining")).toBe("4");
});
