import { futureDate, validKey, emulatorSuite } from "../helpers/emulator";

const suite = emulatorSuite();

test("create answers with the secret, singular consumptionLimit and no read-only fields", async () => {
  const res = await suite.emu.api(
    "POST",
    "/api_keys",
    validKey({ consumptionLimit: { usd: 25, diem: 5 }, limitPeriod: "MONTH", modelPrivacy: "PRIVATE_TEXT" }),
  );
  expect(res.status).toBe(200);
  expect(res.body.success).toBe(true);
  const data = res.body.data;
  expect(data).toEqual({
    id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    apiKey: expect.stringMatching(/^VENICE_INFERENCE_KEY_[A-Za-z0-9_-]{42}$/),
    apiKeyType: "INFERENCE",
    description: "test key",
    expiresAt: null,
    consumptionLimit: { usd: 25, diem: 5, vcu: null },
    limitPeriod: "MONTH",
    modelPrivacy: "PRIVATE_TEXT",
  });
  for (const absent of ["createdAt", "last6Chars", "lastUsedAt", "usage", "consumptionLimits"]) {
    expect(data).not.toHaveProperty(absent);
  }
});

test("create applies the documented defaults: EPOCH period and ALL model privacy", async () => {
  const res = await suite.emu.api("POST", "/api_keys", validKey());
  expect(res.body.data).toMatchObject({ limitPeriod: "EPOCH", modelPrivacy: "ALL" });
});

test("ADMIN keys get the ADMIN secret prefix", async () => {
  const res = await suite.emu.api("POST", "/api_keys", validKey({ apiKeyType: "ADMIN" }));
  expect(res.body.data.apiKey).toMatch(/^VENICE_ADMIN_KEY_/);
});

test("a date-only expiresAt means midnight UTC", async () => {
  const day = futureDate(10);
  const res = await suite.emu.api("POST", "/api_keys", validKey({ expiresAt: day }));
  expect(res.body.data.expiresAt).toBe(`${day}T00:00:00.000Z`);
});

test("an empty expiresAt means no expiry", async () => {
  const res = await suite.emu.api("POST", "/api_keys", validKey({ expiresAt: "" }));
  expect(res.status).toBe(200);
  expect(res.body.data.expiresAt).toBeNull();
});

test("a date-time expiresAt is kept to the millisecond", async () => {
  const res = await suite.emu.api("POST", "/api_keys", validKey({ expiresAt: "2031-03-04T05:06:07.089Z" }));
  expect(res.body.data.expiresAt).toBe("2031-03-04T05:06:07.089Z");
});

const INVALID: Array<[string, Record<string, unknown>, string]> = [
  ["missing apiKeyType", { description: "x" }, "apiKeyType"],
  ["missing description", { apiKeyType: "INFERENCE" }, "description"],
  ["unknown apiKeyType", validKey({ apiKeyType: "READ" }), "apiKeyType"],
  ["empty description", validKey({ description: "" }), "description"],
  ["65-character description", validKey({ description: "x".repeat(65) }), "description"],
  ["null expiresAt on create", validKey({ expiresAt: null }), "expiresAt"],
  ["expiresAt with an offset", validKey({ expiresAt: "2031-01-01T00:00:00+02:00" }), "expiresAt"],
  ["expiresAt without a zone", validKey({ expiresAt: "2031-01-01T00:00:00" }), "expiresAt"],
  ["expiresAt with 2 fraction digits", validKey({ expiresAt: "2031-01-01T00:00:00.12Z" }), "expiresAt"],
  ["expiresAt not a date", validKey({ expiresAt: "next week" }), "expiresAt"],
  ["expiresAt 30 February", validKey({ expiresAt: "2031-02-30" }), "expiresAt"],
  ["negative usd limit", validKey({ consumptionLimit: { usd: -1 } }), "consumptionLimit"],
  [
    "usd limit above the maximum",
    validKey({ consumptionLimit: { usd: 10_000_000_000 } }),
    "consumptionLimit",
  ],
  ["string diem limit", validKey({ consumptionLimit: { diem: "5" } }), "consumptionLimit"],
  ["unknown currency", validKey({ consumptionLimit: { eur: 5 } }), "consumptionLimit"],
  ["unknown limitPeriod", validKey({ limitPeriod: "WEEK" }), "limitPeriod"],
  ["unknown modelPrivacy", validKey({ modelPrivacy: "NONE" }), "modelPrivacy"],
  ["unknown top-level field", validKey({ allowedIps: ["11.22.33.0/24"] }), ""],
];

test.each(INVALID)("create rejects %s with a 400 DetailedError", async (_name, body, field) => {
  const res = await suite.emu.api("POST", "/api_keys", body);
  expect(res.status).toBe(400);
  expect(res.body.error).toBe("Invalid request parameters");
  expect(res.body.details).toHaveProperty("_errors");
  expect(res.body.issues.length).toBeGreaterThan(0);
  expect(res.body.issues.some((i: { path: string[] }) => (i.path[0] ?? "") === field)).toBe(true);
});

test("create rejects an expiry in the past", async () => {
  const res = await suite.emu.api("POST", "/api_keys", validKey({ expiresAt: "2020-01-01" }));
  expect(res.status).toBe(400);
  expect(res.body.issues[0].path).toEqual(["expiresAt"]);
});

test("create rejects invalid JSON", async () => {
  const res = await suite.emu.api("POST", "/api_keys", "{not json");
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ error: "Invalid JSON request" });
});

test("create rejects a non-JSON content type", async () => {
  const res = await suite.emu.api("POST", "/api_keys", JSON.stringify(validKey()), undefined, {
    "content-type": "text/plain",
  });
  expect(res.status).toBe(400);
});

test("0 is a valid limit: it blocks spending", async () => {
  const res = await suite.emu.api("POST", "/api_keys", validKey({ consumptionLimit: { usd: 0 } }));
  expect(res.status).toBe(200);
  expect(res.body.data.consumptionLimit.usd).toBe(0);
});
