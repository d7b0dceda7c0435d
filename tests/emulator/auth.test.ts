import { validKey, emulatorSuite } from "../helpers/emulator";

const suite = emulatorSuite();

const ADMIN_ROUTES: Array<[string, string]> = [
  ["GET", "/api_keys"],
  ["POST", "/api_keys"],
  ["PATCH", "/api_keys"],
  ["DELETE", "/api_keys?id=00000000-0000-0000-0000-000000000000"],
  ["GET", "/api_keys/00000000-0000-0000-0000-000000000000"],
  ["GET", "/api_keys/rate_limits/log"],
  ["GET", "/billing/balance"],
];

async function createKey(type: "INFERENCE" | "ADMIN") {
  const res = await suite.emu.api("POST", "/api_keys", validKey({ apiKeyType: type }));
  return res.body.data as { id: string; apiKey: string };
}

test("a request without credentials gets 402 with an x402 challenge, not 401", async () => {
  const res = await suite.emu.api("GET", "/api_keys", undefined, null);
  expect(res.status).toBe(402);
  expect(res.body).toMatchObject({ x402Version: expect.any(Number), error: "Authentication required" });
  expect(res.body.accepts).toEqual(expect.any(Array));
  expect(res.headers.get("payment-required")).toBeTruthy();
});

test("an unknown key gets 401 Authentication failed", async () => {
  const res = await suite.emu.api("GET", "/api_keys", undefined, "VENICE_ADMIN_KEY_nope");
  expect(res.status).toBe(401);
  expect(res.body).toEqual({ error: "Authentication failed" });
});

test.each(ADMIN_ROUTES)("an INFERENCE key gets 401 Admin API key required on %s %s", async (method, path) => {
  const inference = await createKey("INFERENCE");
  const res = await suite.emu.api(
    method,
    path,
    method === "GET" || method === "DELETE" ? undefined : {},
    inference.apiKey,
  );
  expect(res.status).toBe(401);
  expect(res.body).toEqual({ error: "Admin API key required" });
});

test("a created ADMIN key manages keys like the bootstrap key", async () => {
  const admin = await createKey("ADMIN");
  const created = await suite.emu.api(
    "POST",
    "/api_keys",
    validKey({ description: "made by admin" }),
    admin.apiKey,
  );
  expect(created.status).toBe(200);
  const listed = await suite.emu.api("GET", "/api_keys", undefined, admin.apiKey);
  expect(listed.body.data.map((k: { description: string }) => k.description)).toContain("made by admin");
});

test("a deleted key no longer authenticates", async () => {
  const admin = await createKey("ADMIN");
  await suite.emu.api("DELETE", `/api_keys?id=${admin.id}`);
  const res = await suite.emu.api("GET", "/api_keys", undefined, admin.apiKey);
  expect(res.status).toBe(401);
  expect(res.body).toEqual({ error: "Authentication failed" });
});

test("an expired key no longer authenticates", async () => {
  const admin = await createKey("ADMIN");
  await suite.emu.control.expireKey(admin.id);
  const res = await suite.emu.api("GET", "/api_keys", undefined, admin.apiKey);
  expect(res.status).toBe(401);
});

test("any key may read its own rate limits", async () => {
  const inference = await createKey("INFERENCE");
  const res = await suite.emu.api("GET", "/api_keys/rate_limits", undefined, inference.apiKey);
  expect(res.status).toBe(200);
  expect(res.body.data).toMatchObject({
    accessPermitted: true,
    apiTier: { id: expect.any(String), isCharged: expect.any(Boolean) },
    balances: { USD: expect.any(Number), DIEM: expect.any(Number) },
    nextEpochBegins: expect.stringMatching(/T00:00:00\.000Z$/),
    rateLimits: expect.any(Array),
  });
});

test("the control API requires the bootstrap admin key", async () => {
  const res = await fetch(`${suite.emu.controlUrl}/keys`, { headers: { authorization: "Bearer wrong" } });
  expect(res.status).toBe(401);
});
