import type { FaultRuleInput } from "../../emulator";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { allText, checked, providerFor } from "../helpers/provider";

/**
 * The fault matrix: every lifecycle operation against every fault Venice or the network can produce.
 * For each cell the operation ends as designed, the account holds exactly the declared keys (no orphan,
 * no duplicate), and nothing printed or thrown carries a secret.
 */
let emu: TestEmulator;
let provider: ReturnType<typeof providerFor>;
const ARGS = { description: "fault matrix", consumptionLimit: { usd: 5 } };

beforeAll(async () => {
  emu = await startTestEmulator({
    limits: { creationsPerWindow: 10_000, errorBudget: 2, errorBudgetWindowMs: 800 },
  });
  provider = providerFor(emu, {
    VENICE_REQUEST_TIMEOUT_MS: "400",
    VENICE_RETRY_BUDGET_MS: "15000",
    VENICE_CREATION_LIMIT: "10000",
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

type Op = "create" | "read" | "update" | "delete";
type Fault = { name: string; action?: FaultRuleInput["action"]; lockOut?: boolean };

const FAULTS: Fault[] = [
  { name: "429 with Retry-After", action: { type: "status", status: 429, retryAfterSeconds: 1 } },
  { name: "error-budget lock-out", lockOut: true },
  { name: "500", action: { type: "status", status: 500 } },
  { name: "502", action: { type: "status", status: 502 } },
  { name: "503", action: { type: "status", status: 503 } },
  { name: "504", action: { type: "status", status: 504 } },
  { name: "connection reset before the answer", action: { type: "reset" } },
  { name: "timeout", action: { type: "latency", ms: 1500 } },
  { name: "commit-then-drop", action: { type: "commit-then-drop" } },
];

const ROUTE: Record<Op, Pick<FaultRuleInput, "method" | "path">> = {
  create: { method: "POST", path: "/api_keys" },
  read: { method: "GET", path: "/api_keys" }, // a refresh reads from the shared listing

  update: { method: "PATCH", path: "/api_keys" },
  delete: { method: "DELETE", path: "/api_keys" },
};

/** Captures everything the provider prints while `work` runs. */
async function capturingOutput<T>(
  work: () => Promise<T>,
): Promise<{ result?: T; error?: unknown; printed: string }> {
  const printed: string[] = [];
  const spies = (["log", "warn", "error", "info", "debug"] as const).map((m) =>
    jest
      .spyOn(console, m)
      .mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" "))),
  );
  try {
    return { result: await work(), printed: printed.join("\n") };
  } catch (error) {
    return { error, printed: printed.join("\n") };
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
}

async function lockOut(): Promise<void> {
  for (let i = 0; i < 3; i++) await emu.api("GET", "/api_keys/3b0f5ad4-1f7e-4e0c-9a51-9a4c5d7c0a11");
  expect((await emu.api("GET", "/api_keys")).status).toBe(429);
}

const CELLS = (["create", "read", "update", "delete"] as Op[]).flatMap((op) =>
  FAULTS.map((f) => [op, f.name, f] as const),
);

test.each(CELLS)(
  "%s survives %s with no orphan, no duplicate and no secret shown",
  async (op, _name, fault) => {
    const inputs = await checked(provider, ARGS);
    // Every operation but create starts from one existing key, made before the fault is armed.
    const existing = op === "create" ? undefined : await provider.create(inputs);
    const secrets = [emu.adminKey, ...(existing ? [existing.outs.key as string] : [])];

    if (fault.lockOut) await lockOut();
    else await emu.control.injectFaults([{ ...ROUTE[op], action: fault.action!, count: 1 }]);

    const run = capturingOutput(async () => {
      switch (op) {
        case "create":
          return provider.create(inputs);
        case "read":
          return provider.read(existing!.id, existing!.outs);
        case "update":
          return provider.update(
            existing!.id,
            existing!.outs as never,
            await checked(provider, { ...ARGS, description: "updated" }),
          );
        case "delete":
          return provider.delete(existing!.id, existing!.outs);
      }
    });
    const { result, error, printed } = await run;

    expect(error).toBeUndefined();
    const active = await emu.control.activeKeys();
    if (op === "delete") {
      expect(active).toEqual([]);
    } else {
      expect(active).toHaveLength(1);
      const id = op === "create" ? (result as { id: string }).id : existing!.id;
      expect(active[0]!.id).toBe(id);
      expect(active[0]!.description).toBe(op === "update" ? "updated" : "fault matrix");
    }
    if (op === "create") {
      const outs = (result as { outs: { key: string; last6Chars: string } }).outs;
      expect(outs.key.slice(-6)).toBe(active[0]!.last6Chars);
      secrets.push(outs.key);
    }
    for (const secret of secrets) expect(printed).not.toContain(secret);
    expect(await emu.control.pendingFaults()).toEqual([]);
  },
);

test("a fault that outlasts the retry budget fails with the last answer and leaves no orphan", async () => {
  const impatient = providerFor(emu, {
    VENICE_RETRY_BUDGET_MS: "1500",
    VENICE_REQUEST_TIMEOUT_MS: "400",
    VENICE_CREATION_LIMIT: "10000",
  });
  await emu.control.injectFaults([
    { method: "POST", path: "/api_keys", count: 1000, action: { type: "commit-then-drop" } },
  ]);
  const { error, printed } = await capturingOutput(async () =>
    impatient.create(await checked(impatient, ARGS)),
  );
  await emu.control.clearFaults();
  expect(String(error)).toMatch(
    /Gave up on POST \/api_keys after \d+ attempts.*retry budget.*Last outcome: No answer from Venice/,
  );
  expect(await emu.control.activeKeys()).toEqual([]);
  expect(allText(error) + printed).not.toContain(emu.adminKey);
});

test("other 4xx answers are never retried: one request, then the error", async () => {
  await emu.control.injectFaults([
    {
      method: "PATCH",
      path: "/api_keys",
      action: { type: "status", status: 409, body: { error: "Conflict" } },
    },
  ]);
  const inputs = await checked(provider, ARGS);
  const key = await provider.create(inputs);
  await emu.control.clearRequests();
  const news = await checked(provider, { ...ARGS, description: "x" });
  await expect(provider.update(key.id, key.outs as never, news)).rejects.toThrow(
    /Venice answered 409 to PATCH \/api_keys: Conflict/,
  );
  expect((await emu.control.requests()).filter((r) => r.method === "PATCH")).toHaveLength(1);
});

test("an error body echoing a secret is redacted before it reaches the user", async () => {
  const leaked = "VENICE_INFERENCE_KEY_leakedleakedleakedleakedleakedleakedleak";
  await emu.control.injectFaults([
    {
      method: "POST",
      path: "/api_keys",
      action: {
        type: "status",
        status: 400,
        body: { error: `bad key ${leaked} and Bearer ${emu.adminKey}` },
      },
    },
  ]);
  const err = await provider.create(await checked(provider, ARGS)).catch((e: unknown) => e);
  expect(allText(err)).not.toContain(leaked);
  expect(allText(err)).not.toContain(emu.adminKey);
  expect(String(err)).toMatch(/\[REDACTED\]/);
});

test("a non-JSON error body is never echoed", async () => {
  await emu.control.injectFaults([
    {
      method: "POST",
      path: "/api_keys",
      action: { type: "status", status: 418, body: "<html>secret</html>" },
    },
  ]);
  const err = await provider.create(await checked(provider, ARGS)).catch((e: unknown) => e);
  expect(String(err)).toMatch(/Venice answered 418/);
});

test("Venice's full-account answer becomes the actionable error, after the one POST it cost", async () => {
  await emu.control.configure({ limits: { maxActiveKeys: 1 } });
  try {
    await emu.api("POST", "/api_keys", { apiKeyType: "INFERENCE", description: "existing" });
    await emu.control.clearRequests();
    const err = await provider.create(await checked(provider, ARGS)).catch((e: unknown) => e);
    expect(String(err)).toMatch(
      /maximum of active keys.*Venice said: Maximum number of active API keys.*Delete unused keys.*pulumi-venice audit/,
    );
    expect((await emu.control.requests()).map((r) => `${r.method} ${r.status}`)).toEqual(["POST 400"]);
  } finally {
    await emu.control.configure({ limits: { maxActiveKeys: 500 } });
  }
});

test("a lost create answer removes only keys stamped after the attempt began, not an older same-description key", async () => {
  const older = await emu.api("POST", "/api_keys", { apiKeyType: "INFERENCE", description: "fault matrix" });
  // Venice's clock runs an hour ahead of ours: the repair must place keys on Venice's clock.
  await emu.control.advanceClock(3_600_000);
  await emu.control.injectFaults([
    { method: "POST", path: "/api_keys", action: { type: "commit-then-drop" } },
  ]);
  const created = await provider.create(await checked(provider, ARGS));
  const active = (await emu.control.activeKeys()).map((k) => k.id).sort();
  expect(active).toEqual([older.body.data.id, created.id].sort());
});
