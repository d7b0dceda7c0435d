import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { DEVIATIONS, deviatingSuite } from "../helpers/deviatingVenice";

/**
 * The conformance kit in front of a Venice that deviates from what we assume, one change at a time: it
 * notices (a check names it, and the exit code is not 0 where the provider would misbehave), it leaves
 * no key of its own, and it prints no secret.
 */
const CLI = resolve(__dirname, "../../dist/cli/main.js");
const suite = deviatingSuite();

interface Report {
  checks: Array<{ id: string; verdict: string; observed: string }>;
  keysLeft: number;
  left?: Array<{ id: string; request: string }>;
}

function kit(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(
      process.execPath,
      [CLI, "conformance", "--yes", "--json"],
      {
        env: {
          ...process.env,
          VENICE_ADMIN_API_KEY: suite.emu.adminKey,
          VENICE_API_KEY: "",
          VENICE_BASE_URL: suite.venice.url,
          VENICE_RETRY_BUDGET_MS: "8000",
        },
      },
      (err, stdout, stderr) => done({ code: err ? Number(err.code) : 0, stdout, stderr }),
    ),
  );
}

/** The check that must notice each deviation, and whether the provider would misbehave (exit 1). */
const NOTICED_BY: Record<string, { check: string; verdicts: string[] }> = {
  "create answer without the secret": { check: "create.answer", verdicts: ["breaks"] },
  "create answer with the secret renamed to key": { check: "create.answer", verdicts: ["breaks"] },
  "create answer without its data envelope": { check: "create.answer", verdicts: ["breaks"] },
  "create answer with a renamed id": { check: "create.answer", verdicts: ["breaks"] },
  "create answer with apiKeyType in lower case": { check: "create.answer", verdicts: ["breaks"] },
  "create answer that is not JSON": { check: "create.answer", verdicts: ["breaks"] },
  "create answer truncated": { check: "create.answer", verdicts: ["breaks"] },
  "create answer with an empty body": { check: "create.answer", verdicts: ["breaks"] },
  "answers without a Date header": { check: "date-header", verdicts: ["differs"] },
  "listing that omits the newest key": { check: "list.fields", verdicts: ["breaks"] },
  "listing with a secret in it": { check: "list.fields", verdicts: ["differs", "breaks"] },
  "update answered as success without effect": { check: "update.fields", verdicts: ["breaks"] },
};
// Deviations the provider tolerates by design: the kit may say ok.
const TOLERATED = ["create answered 201 instead of 200", "create answer with extra fields"];

test("every deviation of the harness is either noticed by a named check or tolerated by design", () => {
  expect(Object.keys(DEVIATIONS).sort()).toEqual([...Object.keys(NOTICED_BY), ...TOLERATED].sort());
});

test.each(Object.entries(NOTICED_BY))(
  "%s: the kit reports %s, leaves none of its keys, prints no secret",
  async (name, expected) => {
    suite.venice.deviate(name);
    const run = await kit();
    suite.venice.deviate(undefined);
    if (!run.stdout) throw new Error(`no report (exit ${run.code}): ${run.stderr}`);
    const report = JSON.parse(run.stdout) as Report;
    const found = report.checks.find((c) => c.id === expected.check)!;
    expect({
      check: found.id,
      verdict: expected.verdicts.includes(found.verdict) ? "noticed" : found.verdict,
    }).toEqual({
      check: expected.check,
      verdict: "noticed",
    });
    if (expected.verdicts.includes("breaks") && !expected.verdicts.includes("differs"))
      expect(run.code).toBe(1);
    expect(report.keysLeft).toBe(0);
    expect(
      (await suite.emu.control.activeKeys()).filter((k) =>
        k.description.startsWith("pulumi-venice conformance"),
      ),
    ).toEqual([]);
    expect(run.stdout + run.stderr).not.toMatch(/VENICE_(INFERENCE|ADMIN)_KEY_/);
  },
);

test.each(TOLERATED)("%s: tolerated, every check still ok or skipped, no key left", async (name) => {
  suite.venice.deviate(name);
  const run = await kit();
  suite.venice.deviate(undefined);
  const report = JSON.parse(run.stdout) as Report;
  expect(run.code).toBe(0);
  expect(report.checks.filter((c) => !["ok", "skipped"].includes(c.verdict))).toEqual([]);
  expect(await suite.emu.control.activeKeys()).toEqual([]);
});

test("when its preferred delete is refused, the kit cleans up by another route and leaves nothing", async () => {
  // Every DELETE /api_keys?id= refused; DELETE /api_keys/{id} still works.
  await suite.emu.control.injectFaults([
    {
      method: "DELETE",
      path: "/api_keys",
      count: 1_000,
      action: { type: "status", status: 403, body: { error: "Forbidden" } },
    },
  ]);
  const run = await kit();
  await suite.emu.control.clearFaults();
  const report = JSON.parse(run.stdout) as Report;
  expect(report.checks.find((c) => c.id === "delete.query")!.verdict).toBe("breaks");
  expect(report.keysLeft).toBe(0);
  expect(await suite.emu.control.activeKeys()).toEqual([]);
});

test("a key no route can delete is named with the request that deletes it, and the exit code is 3", async () => {
  await suite.emu.control.injectFaults([
    {
      method: "DELETE",
      path: "/api_keys*",
      count: 1_000,
      action: { type: "status", status: 403, body: { error: "Forbidden" } },
    },
  ]);
  const run = await kit();
  await suite.emu.control.clearFaults();
  const report = JSON.parse(run.stdout) as Report;
  expect(run.code).toBe(3);
  expect(report.keysLeft).toBeGreaterThan(0);
  const live = (await suite.emu.control.activeKeys()).map((k) => k.id).sort();
  expect(report.left!.map((l) => l.id).sort()).toEqual(live);
  for (const l of report.left!) expect(l.request).toBe(`DELETE /api_keys?id=${l.id}`);
  for (const id of live) await suite.emu.api("DELETE", `/api_keys?id=${id}`);
});
