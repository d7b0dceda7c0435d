import { execFile, spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { CONFORMANCE_USAGE } from "../../cli/conformance/command";
import { DEFAULT_BEHAVIOUR } from "../../emulator/options";
import { emulatorSuite } from "../helpers/emulator";

/**
 * `pulumi-venice conformance` as users run it: the built command in its own process, against the
 * emulator, whose defaults are the provider's assumptions and whose switches are the other readings.
 */
const CLI = resolve(__dirname, "../../dist/cli/main.js");
const suite = emulatorSuite();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
interface Report {
  baseUrl: string;
  checks: Array<{ id: string; verdict: string; assumed: string; observed: string; detail: string }>;
  keysCreated: number;
  keysLeft: number;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        env: {
          ...process.env,
          VENICE_ADMIN_API_KEY: suite.emu.adminKey,
          VENICE_API_KEY: "",
          VENICE_BASE_URL: suite.emu.url,
          VENICE_RETRY_BUDGET_MS: "10000",
          ...env,
        },
      },
      (err, stdout, stderr) => done({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

const kit = async (...flags: string[]) => {
  const run = await cli(["conformance", "--yes", "--json", ...flags]);
  return { run, report: JSON.parse(run.stdout) as Report };
};
const verdicts = (r: Report) => Object.fromEntries(r.checks.map((c) => [c.id, c.verdict]));
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id)!;
const kitKeys = async () =>
  (await suite.emu.control.keys()).filter((k) => k.description.startsWith("pulumi-venice conformance"));

test("against the emulator's defaults every check is ok, and no key is left", async () => {
  const { run, report } = await kit();
  expect(run.code).toBe(0);
  expect(report.baseUrl).toBe(suite.emu.url);
  expect(Object.values(verdicts(report)).filter((v) => v !== "ok")).toEqual(["skipped"]);
  expect(check(report, "resetHeaderUnit")).toMatchObject({
    verdict: "skipped",
    observed: expect.stringMatching(/--rate-limit/),
  });
  expect(report.keysCreated).toBe(3);
  expect(report.keysLeft).toBe(0);
  expect(await suite.emu.control.activeKeys()).toEqual([]);
});

test("every check has a stable id, what is assumed, what was observed and a verdict", async () => {
  const { report } = await kit();
  expect(report.checks.map((c) => c.id)).toEqual(
    expect.arrayContaining([
      "auth.admin",
      "auth.inference-refused",
      "create.answer",
      "get.fields",
      "list.fields",
      "date-header",
      "update.fields",
      "update.expiry-null",
      "notFoundStatus",
      "dateOnlyExpiresAt",
      "pastExpiresAt",
      "partialLimitUpdate",
      "resetHeaderUnit",
      "delete.query",
      "delete.path",
    ]),
  );
  for (const c of report.checks) {
    expect(c.assumed.length).toBeGreaterThan(10);
    expect(c.observed.length).toBeGreaterThan(1);
  }
});

test("with --rate-limit the reset header is checked too, and every key it made is deleted", async () => {
  const { run, report } = await kit("--rate-limit");
  expect(run.code).toBe(0);
  expect(check(report, "resetHeaderUnit")).toMatchObject({
    verdict: "ok",
    observed: expect.stringMatching(/^milliseconds/),
  });
  expect(report.keysCreated).toBeGreaterThan(3);
  expect(report.keysLeft).toBe(0);
  expect(await suite.emu.control.activeKeys()).toEqual([]);
});

const SWITCHES: Array<[string, string | number, string, string[]]> = [
  ["notFoundStatus", 404, "404", []],
  ["dateOnlyExpiresAt", "end-of-day", "end-of-day", []],
  ["pastExpiresAt", "accept", "accept", []],
  ["partialLimitUpdate", "replace", "replace", []],
  ["resetHeaderUnit", "seconds", "seconds", ["--rate-limit"]],
];

test.each(SWITCHES)(
  "the emulator switch %s = %s makes exactly that check report it, every other ok",
  async (name, value, observed, flags) => {
    await suite.emu.control.configure({ behaviour: { [name]: value } });
    // The switch outlives the emulator's reset: put the default back whatever happens.
    const restore = { behaviour: { [name]: DEFAULT_BEHAVIOUR[name as keyof typeof DEFAULT_BEHAVIOUR] } };
    const { run, report } = await kit(...flags).finally(() => suite.emu.control.configure(restore));
    expect(run.code).toBe(0); // the provider copes with each other reading
    expect(check(report, name)).toMatchObject({
      verdict: "differs",
      observed: expect.stringMatching(new RegExp(`^${observed}`)),
    });
    const others = report.checks.filter((c) => c.id !== name && c.verdict !== "ok");
    expect(others.map((c) => c.id)).toEqual(flags.length > 0 ? [] : ["resetHeaderUnit"]);
    expect(report.keysLeft).toBe(0);
  },
);

test("a check Venice fails is reported as breaks, exit 1, and no key is left", async () => {
  await suite.emu.control.injectFaults([
    {
      method: "PATCH",
      path: "/api_keys",
      count: 1,
      action: { type: "status", status: 400, body: { error: "Invalid request parameters" } },
    },
  ]);
  const { run, report } = await kit();
  expect(run.code).toBe(1);
  expect(check(report, "update.fields")).toMatchObject({
    verdict: "breaks",
    observed: expect.stringMatching(/400/),
  });
  expect(report.keysLeft).toBe(0);
  expect(await suite.emu.control.activeKeys()).toEqual([]);
});

test("a 500 on one of its calls is retried like the provider does: all ok, no key left", async () => {
  await suite.emu.control.injectFaults([
    { method: "DELETE", path: "/api_keys", count: 1, action: { type: "status", status: 500 } },
  ]);
  const { run, report } = await kit();
  expect(run.code).toBe(0);
  expect(report.keysLeft).toBe(0);
  expect(await suite.emu.control.activeKeys()).toEqual([]);
});

test("SIGINT mid-run deletes every key the kit made", async () => {
  // Each PATCH is held 1.5 s, so the run is surely under way with a key made when it is stopped.
  await suite.emu.control.injectFaults([
    { method: "PATCH", path: "/api_keys", count: 100, action: { type: "latency", ms: 1500 } },
  ]);
  const child = spawn(process.execPath, [CLI, "conformance", "--yes"], {
    env: {
      ...process.env,
      VENICE_ADMIN_API_KEY: suite.emu.adminKey,
      VENICE_API_KEY: "",
      VENICE_BASE_URL: suite.emu.url,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  while ((await kitKeys()).length === 0) await new Promise((r) => setTimeout(r, 50));
  child.kill("SIGINT");
  expect(await exited).toBe(130);
  expect(stderr).toMatch(/stopped by SIGINT; \d key\(s\) created, none left/);
  expect((await kitKeys()).filter((k) => k.state === "active")).toEqual([]);
});

test("a key someone else made is never touched", async () => {
  const theirs = await suite.create({ description: "someone else's", consumptionLimit: { usd: 7 } });
  const before = (await suite.emu.control.keys()).find((k) => k.id === theirs.id);
  await suite.emu.control.clearRequests();
  const { run } = await kit();
  expect(run.code).toBe(0);
  expect((await suite.emu.control.keys()).find((k) => k.id === theirs.id)).toEqual(before);
  const touching = (await suite.emu.control.requests()).filter((r) => r.path.includes(theirs.id));
  expect(touching).toEqual([]);
});

test("no secret is printed, as a table or as JSON", async () => {
  const table = await cli(["conformance", "--yes"]);
  const json = await cli(["conformance", "--yes", "--json"]);
  for (const out of [table.stdout + table.stderr, json.stdout + json.stderr]) {
    expect(out).not.toContain(suite.emu.adminKey);
    expect(out).not.toMatch(/VENICE_[A-Z]+_KEY_/);
  }
  expect(table.stdout).toMatch(/^CHECK\s+VERDICT\s+OBSERVED\s+ASSUMED$/m);
});

test("the error answers it provokes stay under 10", async () => {
  await suite.emu.control.clearRequests();
  await kit();
  const provoked = (await suite.emu.control.requests()).filter(
    (r) => typeof r.status === "number" && r.status >= 400 && r.status < 500 && r.status !== 429,
  );
  expect(provoked.length).toBeLessThan(10);
});

test("without --yes and no terminal it refuses with the fix, creating nothing", async () => {
  await suite.emu.control.clearRequests();
  const run = await cli(["conformance"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/Run it with --yes/);
  expect((await suite.emu.control.requests()).filter((r) => r.method === "POST")).toEqual([]);
});

test("a refused admin key is exit 2 with the fix", async () => {
  const run = await cli(["conformance", "--yes"], {
    VENICE_ADMIN_API_KEY: "VENICE_ADMIN_KEY_notarealkey000000000000000000000000000000",
  });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/401.*Set VENICE_ADMIN_API_KEY/);
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

test.each([["audit"], ["conformance"]])(
  "%s against an unreachable Venice says at once what fails and how long it retries, stdout clean",
  async (command) => {
    const url = `http://127.0.0.1:${await closedPort()}/api/v1`;
    const args = command === "audit" ? ["audit", "--json"] : ["conformance", "--yes", "--json"];
    const run = await cli(args, { VENICE_BASE_URL: url, VENICE_RETRY_BUDGET_MS: "2000" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ECONNREFUSED; retrying for up to \d+ s more/);
    expect(run.stdout).toBe("");
  },
);

test.each([["--help"], ["-h"], ["help"]])("pulumi-venice %s prints the usage and exits 0", async (flag) => {
  const run = await cli([flag]);
  expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: pulumi-venice <command>/) });
  expect(run.stdout).toMatch(/audit/);
  expect(run.stdout).toMatch(/conformance/);
});

test.each([["audit"], ["conformance"]])(
  "pulumi-venice %s --help prints that command's usage",
  async (command) => {
    const run = await cli([command, "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^usage: pulumi-venice ${command}`));
  },
);

test("--version prints the package's version", async () => {
  const run = await cli(["--version"]);
  expect(run.stdout.trim()).toBe((require("../../package.json") as { version: string }).version);
  expect(CONFORMANCE_USAGE).toMatch(/--rate-limit/);
});
