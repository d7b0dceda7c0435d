import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ADMIN_KEY, startTestEmulator, validKey, emulatorSuite } from "../helpers/emulator";

const suite = emulatorSuite();

test("an out-of-band edit changes what the API reads", async () => {
  const key = await suite.create({ consumptionLimit: { usd: 5 } });
  await suite.emu.control.editKey(key.id, {
    description: "edited in dashboard",
    consumptionLimits: { usd: 50 },
    limitPeriod: "LIFETIME",
    modelPrivacy: "PRIVATE_ONLY",
    expiresAt: "2032-01-01T00:00:00.000Z",
  });
  const res = await suite.emu.api("GET", `/api_keys/${key.id}`);
  expect(res.body.data).toMatchObject({
    description: "edited in dashboard",
    consumptionLimits: { usd: 50, diem: null, vcu: null },
    limitPeriod: "LIFETIME",
    modelPrivacy: "PRIVATE_ONLY",
    expiresAt: "2032-01-01T00:00:00.000Z",
  });
});

test("an out-of-band delete removes the key from the API", async () => {
  const key = await suite.create();
  await suite.emu.control.deleteKey(key.id);
  expect((await suite.emu.api("GET", `/api_keys/${key.id}`)).status).toBe(400);
  expect((await suite.emu.control.keys())[0]!.state).toBe("deleted");
});

test("forcing a key expired hides it and reports it expired", async () => {
  const key = await suite.create();
  const expired = await suite.emu.control.expireKey(key.id);
  expect(expired.state).toBe("expired");
  expect((await suite.emu.api("GET", "/api_keys")).body.data).toEqual([]);
});

test("the control view never shows a secret", async () => {
  const key = await suite.create();
  expect(JSON.stringify(await suite.emu.control.keys())).not.toContain(key.apiKey);
});

test("advancing the clock expires keys on schedule", async () => {
  await suite.create({ expiresAt: "2031-06-01" });
  await suite.emu.control.advanceClock(
    Date.parse("2031-05-31T23:59:59Z") - (await suite.emu.control.now()).getTime(),
  );
  expect((await suite.emu.control.activeKeys()).length).toBe(1);
  await suite.emu.control.advanceClock(2000);
  expect((await suite.emu.control.activeKeys()).length).toBe(0);
});

test("a status fault answers with that status and Retry-After, then is spent", async () => {
  await suite.emu.control.injectFaults([
    { method: "GET", path: "/api_keys", action: { type: "status", status: 503, retryAfterSeconds: 2 } },
  ]);
  const faulted = await suite.emu.api("GET", "/api_keys");
  expect(faulted.status).toBe(503);
  expect(faulted.headers.get("retry-after")).toBe("2");
  expect((await suite.emu.api("GET", "/api_keys")).status).toBe(200);
});

test("faults match by method and path prefix and by count", async () => {
  await suite.emu.control.injectFaults([
    { method: "POST", path: "/api_keys*", count: 2, action: { type: "status", status: 500 } },
  ]);
  expect((await suite.emu.api("GET", "/api_keys")).status).toBe(200);
  expect((await suite.emu.api("POST", "/api_keys", validKey())).status).toBe(500);
  expect((await suite.emu.api("POST", "/api_keys", validKey())).status).toBe(500);
  expect((await suite.emu.api("POST", "/api_keys", validKey())).status).toBe(200);
  expect(await suite.emu.control.pendingFaults()).toEqual([]);
});

test("a latency fault delays the answer", async () => {
  await suite.emu.control.injectFaults([{ path: "/api_keys", action: { type: "latency", ms: 150 } }]);
  const started = performance.now();
  expect((await suite.emu.api("GET", "/api_keys")).status).toBe(200);
  expect(performance.now() - started).toBeGreaterThanOrEqual(140);
});

test("a reset fault closes the connection before anything is applied", async () => {
  await suite.emu.control.injectFaults([{ method: "POST", path: "/api_keys", action: { type: "reset" } }]);
  await expect(suite.emu.api("POST", "/api_keys", validKey())).rejects.toThrow();
  expect(await suite.emu.control.activeKeys()).toEqual([]);
});

test("commit-then-drop applies the change and sends no answer", async () => {
  await suite.emu.control.injectFaults([
    { method: "POST", path: "/api_keys", action: { type: "commit-then-drop" } },
  ]);
  await expect(
    suite.emu.api("POST", "/api_keys", validKey({ description: "lost answer" })),
  ).rejects.toThrow();
  const keys = await suite.emu.control.activeKeys();
  expect(keys.map((k) => k.description)).toEqual(["lost answer"]);
});

test("the request log records method, path, status and timing of API calls", async () => {
  await suite.emu.api("POST", "/api_keys", validKey());
  await suite.emu.api("GET", "/api_keys/3b0f5ad4-1f7e-4e0c-9a51-9a4c5d7c0a11");
  const log = await suite.emu.control.requests();
  expect(log.map((r) => [r.method, r.path, r.status])).toEqual([
    ["POST", "/api_keys", 200],
    ["GET", "/api_keys/3b0f5ad4-1f7e-4e0c-9a51-9a4c5d7c0a11", 400],
  ]);
  expect(log[0]!.durationMs).toEqual(expect.any(Number));
  await suite.emu.control.clearRequests();
  expect(await suite.emu.control.requests()).toEqual([]);
});

test("reset empties keys, faults and the log", async () => {
  await suite.create();
  await suite.emu.control.injectFaults([{ action: { type: "status", status: 500 }, count: 5 }]);
  await suite.emu.control.reset();
  expect(await suite.emu.control.keys()).toEqual([]);
  expect(await suite.emu.control.pendingFaults()).toEqual([]);
  expect(await suite.emu.control.requests()).toEqual([]);
});

test("a state file keeps keys across restarts", async () => {
  const stateFile = join(mkdtempSync(join(tmpdir(), "venice-state-")), "state.json");
  const first = await startTestEmulator({ stateFile });
  const created = (await first.api("POST", "/api_keys", validKey({ description: "persisted" }))).body.data;
  await first.close();
  expect(readFileSync(stateFile, "utf8")).toContain("persisted");
  const second = await startTestEmulator({ stateFile });
  try {
    const res = await second.api("GET", `/api_keys/${created.id}`);
    expect(res.body.data.description).toBe("persisted");
    const auth = await second.api("GET", "/api_keys", undefined, created.apiKey);
    expect(auth.body).toEqual({ error: "Admin API key required" });
  } finally {
    await second.close();
  }
});

test("with control disabled, /_emulator is not served", async () => {
  const closed = await startTestEmulator({ control: false });
  try {
    const res = await fetch(`${closed.controlUrl}/keys`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(res.status).toBe(404);
  } finally {
    await closed.close();
  }
});
