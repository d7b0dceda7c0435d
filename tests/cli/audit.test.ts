import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CLOCK_OFFSET_VARIABLE } from "../../provider/core/clock";
import { emulatorSuite } from "../helpers/emulator";

/**
 * `pulumi-venice audit` as users run it: the built command in its own process, against the emulator,
 * with `pulumi stack export` files for state. Exit codes, table and JSON, hygiene kinds, interrupted
 * creates, and deletion with and without --yes.
 */
const CLI = resolve(__dirname, "../../dist/cli/main.js");
const suite = emulatorSuite();
const dir = mkdtempSync(join(tmpdir(), "venice-audit-"));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function audit(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, "audit", ...args],
      {
        env: {
          ...process.env,
          VENICE_ADMIN_API_KEY: suite.emu.adminKey,
          VENICE_API_KEY: "",
          VENICE_BASE_URL: suite.emu.url,
          ...env,
        },
      },
      (err, stdout, stderr) => done({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

/** A `pulumi stack export` document holding these key ids, with optional pending creates. */
function stateFile(ids: string[], pending: Array<{ description: string }> = []): string {
  const file = join(dir, `state-${Math.random().toString(36).slice(2)}.json`);
  const type = "pulumi-nodejs:dynamic/venice:ApiKey";
  writeFileSync(
    file,
    JSON.stringify({
      version: 3,
      deployment: {
        resources: ids.map((id, i) => ({ type, id, urn: `urn:${i}`, inputs: {} })),
        pending_operations: pending.map((p, i) => ({
          type: "creating",
          resource: { type, urn: `urn:p${i}`, inputs: p },
        })),
      },
    }),
  );
  return file;
}

const healthy = { consumptionLimit: { usd: 5 } };

test("nothing found: a table-free line and exit 0", async () => {
  const k = await suite.create(healthy);
  const run = await audit(["--state", stateFile([k.id])]);
  expect(run).toMatchObject({ code: 0, stdout: "No findings among 1 live keys.\n" });
});

test("a key no given state holds is unmanaged: a table row and exit 1", async () => {
  const held = await suite.create({ ...healthy, description: "held" });
  const stray = await suite.create({ ...healthy, description: "stray" });
  const run = await audit(["--state", stateFile([held.id])]);
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/^KIND\s+KEY ID\s+TYPE\s+DESCRIPTION\s+EXPIRES\s+LAST USED\s+REASON$/m);
  expect(run.stdout).toMatch(new RegExp(`^unmanaged\\s+${stray.id}\\s+INFERENCE\\s+stray`, "m"));
  expect(run.stdout).not.toContain(held.id);
});

test("--json prints exactly { findings: [...] } with every field, and nothing else on stdout", async () => {
  const stray = await suite.create({ ...healthy, description: "stray" });
  const run = await audit(["--state", stateFile([]), "--json"]);
  expect(run.code).toBe(1);
  expect(JSON.parse(run.stdout)).toEqual({
    findings: [
      {
        kind: "unmanaged",
        keyId: stray.id,
        description: "stray",
        apiKeyType: "INFERENCE",
        expiresAt: null,
        lastUsedAt: null,
        reason: expect.any(String),
      },
    ],
  });
});

test("each hygiene kind is found: expiring, admin-without-expiry, uncapped, unused", async () => {
  const soon = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const expiring = await suite.create({ ...healthy, description: "expiring", expiresAt: soon });
  const admin = await suite.create({ ...healthy, description: "admin", apiKeyType: "ADMIN" });
  const uncapped = await suite.create({ description: "uncapped" });
  const unused = await suite.create({ ...healthy, description: "unused" });
  await suite.emu.control.editKey(unused.id, { lastUsedAt: "2020-01-01T00:00:00.000Z" });
  const run = await audit(["--json"]);
  const found = (JSON.parse(run.stdout) as { findings: Array<{ kind: string; keyId: string }> }).findings;
  expect(found.map((f) => `${f.kind} ${f.keyId}`).sort()).toEqual(
    [
      `expiring ${expiring.id}`,
      `admin-without-expiry ${admin.id}`,
      `uncapped ${uncapped.id}`,
      `unused ${unused.id}`,
    ].sort(),
  );
});

test("--expiring-within and --unused-for move the thresholds", async () => {
  const in20Days = new Date(Date.now() + 20 * 86_400_000).toISOString();
  await suite.create({ ...healthy, expiresAt: in20Days });
  expect((await audit([])).code).toBe(0);
  expect((await audit(["--expiring-within", "30d"])).stdout).toMatch(/^expiring/m);
  // Two seconds on (the audit's clock seam), the key made just now has been unused for more than one.
  const later = { [CLOCK_OFFSET_VARIABLE]: "2000" };
  expect((await audit(["--unused-for", "1s"], later)).stdout).toMatch(/^unused/m);
});

test("an unmanaged key left by an interrupted create is marked interrupted", async () => {
  const orphan = await suite.create({ ...healthy, description: "crash a" });
  const run = await audit(["--state", stateFile([], [{ description: "crash a" }]), "--json"]);
  expect(JSON.parse(run.stdout).findings).toEqual([
    expect.objectContaining({ kind: "unmanaged", keyId: orphan.id, interrupted: true }),
  ]);
});

test("--delete-unmanaged without --yes lists what it would delete and deletes nothing", async () => {
  const stray = await suite.create({ ...healthy, description: "stray" });
  const run = await audit(["--state", stateFile([]), "--delete-unmanaged"]);
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(new RegExp(`Would delete 1 unmanaged key\\(s\\):\\n  ${stray.id}`));
  expect(run.stdout).toMatch(/Nothing deleted\. Re-run with --yes/);
  expect(await suite.emu.control.activeKeys()).toHaveLength(1);
});

test("--delete-unmanaged --yes deletes the unmanaged keys and keeps the managed ones", async () => {
  const held = await suite.create({ ...healthy, description: "held" });
  const stray = await suite.create({ ...healthy, description: "stray" });
  const run = await audit(["--state", stateFile([held.id]), "--delete-unmanaged", "--yes"]);
  expect(run.stdout).toContain(`Deleted ${stray.id}.`);
  expect((await suite.emu.control.activeKeys()).map((k) => k.id)).toEqual([held.id]);
});

test("--delete-unmanaged never deletes the admin key the audit runs with", async () => {
  const own = await suite.create({
    ...healthy,
    description: "ops admin",
    apiKeyType: "ADMIN",
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  });
  const stray = await suite.create({ ...healthy, description: "stray" });
  const run = await audit(["--state", stateFile([]), "--delete-unmanaged", "--yes"], {
    VENICE_ADMIN_API_KEY: own.apiKey,
  });
  expect(run.stdout).toContain(`Sparing ${own.id}: it is the admin key this audit runs with.`);
  expect((await suite.emu.control.activeKeys()).map((k) => k.id)).toEqual([own.id]);
  expect(run.stdout).toContain(`Deleted ${stray.id}.`);
  expect(run.stdout + run.stderr).not.toContain(own.apiKey);
});

test("usage and credential errors exit 2 with the fix, never the key", async () => {
  expect(await audit(["--expiring-within", "soon"])).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/--expiring-within: "soon" is not a duration/),
  });
  expect(await audit(["--yes"])).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/--yes only confirms --delete-unmanaged/),
  });
  expect(await audit(["--delete-unmanaged"])).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/needs --stack or --state/),
  });
  expect(await audit([], { VENICE_ADMIN_API_KEY: "" })).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/No Venice admin key/),
  });
  const wrong = "VENICE_ADMIN_KEY_wrongwrongwrongwrongwrongwrongwrongwrong12";
  const refused = await audit([], { VENICE_ADMIN_API_KEY: wrong });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/401.*VENICE_ADMIN_API_KEY/);
  expect(refused.stderr + refused.stdout).not.toContain(wrong);
  expect(await audit(["--state", join(dir, "missing.json")])).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/cannot read state file/),
  });
});
