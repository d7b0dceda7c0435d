import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TofuWorkspace } from "../../driver/tofuCli";
import { REPO_ROOT } from "../../driver/pulumiCli";
import { CLOCK_OFFSET_VARIABLE } from "../../provider/core/clock";
import { E2E_TIMEOUT } from "../helpers/e2e";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

/**
 * The Terraform front through the real `tofu` (npm run setup:tofu), examples/terraform as a user runs it:
 * init from the filesystem mirror `pulumi-venice terraform-mirror` lays out, apply, drift, update,
 * replacement, the rotation window, import with generated configuration, data sources, a second account
 * through an aliased provider, bad input, and destroy with retirement. One working directory, in order.
 */
jest.setTimeout(E2E_TIMEOUT);

let emu: TestEmulator;
let automation: TestEmulator;
let tofu: TofuWorkspace;
const example = (name: string) => readFileSync(join(REPO_ROOT, "examples/terraform", name), "utf8");

beforeAll(async () => {
  emu = await startTestEmulator();
  automation = await startTestEmulator({
    adminKey: "VENICE_ADMIN_KEY_automation00000000000000000000000000000000",
  });
  tofu = new TofuWorkspace({
    files: { "main.tf": example("main.tf") },
    env: {
      VENICE_ADMIN_API_KEY: emu.adminKey,
      VENICE_BASE_URL: emu.url,
      VENICE_API_KEY: "",
      TF_VAR_automation_base_url: automation.url,
      TF_VAR_automation_admin_key: automation.adminKey,
    },
  });
});
afterAll(async () => {
  await emu.close();
  await automation.close();
});

const active = async (account: TestEmulator, description: string) =>
  (await account.control.activeKeys()).filter((k) => k.description === description);

test("tofu init installs pulumi-venice/venice from the mirror, offline, and writes a lock file", async () => {
  const init = await tofu.init();
  expect(init.output).toMatch(/Installed pulumi-venice\/venice v\d+\.\d+\.\d+/);
  expect(existsSync(join(tofu.dir, ".terraform.lock.hcl"))).toBe(true);
  expect(readFileSync(join(tofu.dir, ".terraform.lock.hcl"), "utf8")).toMatch(
    /registry\.opentofu\.org\/pulumi-venice\/venice/,
  );
});

test("apply makes each environment's key and the second account's key; the next plan has no changes", async () => {
  await tofu.apply();
  expect((await emu.control.activeKeys()).map((k) => k.description).sort()).toEqual([
    "production / app",
    "staging / app",
  ]);
  expect(await active(emu, "staging / app")).toEqual([
    expect.objectContaining({
      consumptionLimits: { usd: 25, diem: null, vcu: null },
      limitPeriod: "MONTH",
      modelPrivacy: "PRIVATE_TEXT",
    }),
  ]);
  expect((await automation.control.activeKeys()).map((k) => k.description)).toEqual([
    "automation / deployer",
  ]);
  expect((await tofu.plan()).code).toBe(0);
  expect((await tofu.plan("-refresh-only")).code).toBe(0);
  const outputs = await tofu.outputs();
  expect(outputs.app_keys).toMatchObject({ sensitive: true });
  expect(Object.values(outputs.app_keys!.value as Record<string, string>)).toEqual([
    expect.stringMatching(/^VENICE_INFERENCE_KEY_/),
    expect.stringMatching(/^VENICE_INFERENCE_KEY_/),
  ]);
  expect(outputs.staging_key_ids!.value).toEqual([(await active(emu, "staging / app"))[0]!.id]);
});

test("a dashboard edit is drift: a refresh-only plan exits 2 naming it, and apply heals it on the same key", async () => {
  const [key] = await active(emu, "staging / app");
  await emu.control.editKey(key!.id, { modelPrivacy: "ALL" });
  const drift = await tofu.plan("-refresh-only");
  expect(drift.code).toBe(2);
  expect(drift.output).toMatch(/model_privacy\s+= "PRIVATE_TEXT" -> "ALL"/);
  await tofu.apply();
  expect(await active(emu, "staging / app")).toEqual([
    expect.objectContaining({ id: key!.id, modelPrivacy: "PRIVATE_TEXT" }),
  ]);
  expect((await tofu.plan()).code).toBe(0);
});

test("using a key (usage, last use) never shows as a change", async () => {
  const secrets = Object.values((await tofu.outputs()).app_keys!.value as Record<string, string>);
  for (const secret of secrets) {
    expect((await emu.api("GET", "/api_keys/rate_limits", undefined, secret)).status).toBe(200);
  }
  expect((await emu.control.activeKeys()).every((k) => k.lastUsedAt !== null)).toBe(true);
  expect((await tofu.plan("-refresh-only")).code).toBe(0);
});

test("a spend-cap change updates the key in place", async () => {
  const [before] = await active(emu, "production / app");
  tofu.setEnv({ TF_VAR_environments: JSON.stringify({ staging: 25, production: 300 }) });
  await tofu.apply();
  const [after] = await active(emu, "production / app");
  expect(after).toMatchObject({ id: before!.id, consumptionLimits: { usd: 300, diem: null, vcu: null } });
  expect((await tofu.plan()).code).toBe(0);
});

test("a type change replaces the key in the second account, the new one first", async () => {
  const [before] = await active(automation, "automation / deployer");
  await automation.control.clearRequests();
  tofu.setEnv({ TF_VAR_deployer_type: "ADMIN" });
  const plan = await tofu.plan();
  expect(plan.code).toBe(2);
  expect(plan.output).toMatch(/api_key_type\s+= "INFERENCE" -> "ADMIN" # forces replacement/);
  await tofu.apply();
  const writes = (await automation.control.requests()).filter((r) => r.method !== "GET").map((r) => r.method);
  expect(writes).toEqual(["POST", "DELETE"]);
  const after = await active(automation, "automation / deployer");
  expect(after).toEqual([expect.objectContaining({ apiKeyType: "ADMIN" })]);
  expect(after[0]!.id).not.toBe(before!.id);
  expect(await emu.control.activeKeys()).toHaveLength(2); // the other account untouched
});

test("inside the rotation window the plan replaces the key, and apply rotates it with a day's overlap", async () => {
  const [old] = await active(emu, "staging / app");
  const days77 = 77 * 86_400_000;
  await emu.control.advanceClock(days77);
  await automation.control.advanceClock(days77);
  tofu.setEnv({ [CLOCK_OFFSET_VARIABLE]: String(days77) });
  const plan = await tofu.plan();
  expect(plan.code).toBe(2);
  expect(plan.output).toMatch(/expires_at\s+= "[^"]+" # forces replacement -> \(known after apply\)/);
  await tofu.apply();
  const keys = await active(emu, "staging / app");
  expect(keys).toHaveLength(2); // the new key, and the old one retired for a day
  const retired = keys.find((k) => k.id === old!.id)!;
  const now = (await emu.control.now()).getTime();
  expect(Date.parse(retired.expiresAt!)).toBeLessThanOrEqual(now + 86_400_000 + 5_000);
  expect((await tofu.plan()).code).toBe(0);
});

test("an import block with -generate-config-out writes configuration that plans with no changes", async () => {
  const made = (
    await emu.api("POST", "/api_keys", {
      apiKeyType: "INFERENCE",
      description: "made by hand",
      limitPeriod: "LIFETIME",
    })
  ).body.data as { id: string };
  tofu.write("import.tf", `import {\n  to = venice_api_key.legacy\n  id = "${made.id}"\n}\n`);
  const generated = await tofu.run(["plan", "-no-color", "-generate-config-out=generated.tf"]);
  expect(generated.code).toBe(0);
  expect(generated.output).toMatch(/imported key's secret is unknown/);
  expect(generated.output).toMatch(/adopt_key_value/);
  expect(readFileSync(join(tofu.dir, "generated.tf"), "utf8")).toMatch(/limit_period\s+= "LIFETIME"/);
  await tofu.apply();
  expect((await tofu.plan()).code).toBe(0);
  expect(await active(emu, "made by hand")).toHaveLength(1);
});

test("tofu import of a key by id, then a plan against its declaration, changes nothing", async () => {
  const made = (
    await emu.api("POST", "/api_keys", { apiKeyType: "INFERENCE", description: "imported by id" })
  ).body.data as { id: string };
  tofu.write("imported.tf", `resource "venice_api_key" "by_id" {\n  description = "imported by id"\n}\n`);
  const imported = await tofu.run(["import", "-no-color", "venice_api_key.by_id", made.id]);
  expect(imported.code).toBe(0);
  expect(imported.output).toMatch(/Import successful/);
  expect((await tofu.plan()).code).toBe(0);
});

test("pulumi-venice audit reads tofu's state: the keys it holds are managed, a key made by hand is not", async () => {
  const stray = (await emu.api("POST", "/api_keys", { apiKeyType: "INFERENCE", description: "stray" })).body
    .data as {
    id: string;
  };
  writeFileSync(join(tofu.dir, "show.json"), await tofu.stateJson());
  const audit = (state: string) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(REPO_ROOT, "dist/cli/main.js"), "audit", "--state", state, "--json"],
        {
          env: {
            ...process.env,
            VENICE_ADMIN_API_KEY: emu.adminKey,
            VENICE_BASE_URL: emu.url,
            VENICE_API_KEY: "",
          },
        },
        (err, stdout) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout }),
      );
    });
  for (const state of [join(tofu.dir, "terraform.tfstate"), join(tofu.dir, "show.json")]) {
    const { code, stdout } = await audit(state);
    expect({ code, stdout: code === 1 ? "" : stdout }).toEqual({ code: 1, stdout: "" });
    const unmanaged = (JSON.parse(stdout) as { findings: Array<{ kind: string; keyId: string }> }).findings
      .filter((f) => f.kind === "unmanaged")
      .map((f) => f.keyId);
    // The retired staging key left the state at its rotation, so it is unmanaged now too.
    expect(unmanaged).toContain(stray.id);
    const managed = (await tofu.state()).values!.root_module!.resources!.map((r) => r.values.id as string);
    expect(unmanaged.filter((id) => managed.includes(id))).toEqual([]);
  }
  await emu.control.deleteKey(stray.id);
});

test("bad input fails the plan naming each attribute and the fix, before any call to Venice", async () => {
  tofu.write(
    "bad.tf",
    `resource "venice_api_key" "bad" {\n  description = "${"x".repeat(70)}"\n  expires_at = "2027-06-30T10:00:00+02:00"\n  consumption_limit = { usd = -1 }\n}\n`,
  );
  await emu.control.clearRequests();
  const plan = await tofu.run(["validate", "-no-color"]);
  expect(plan.code).toBe(1);
  expect(plan.output).toMatch(/description is 70 characters; Venice allows at most 64/);
  expect(plan.output).toMatch(/expires_at .*UTC offset/);
  expect(plan.output).toMatch(/consumption_limit\.usd must be between 0 and/);
  expect(plan.output).toMatch(/on bad\.tf line 2/);
  expect(await emu.control.requests()).toEqual([]);
  tofu.write("bad.tf", "");
});

test("destroy retires the keys with retire_after and deletes the rest, in both accounts", async () => {
  await tofu.destroy();
  const left = await emu.control.activeKeys();
  const now = (await emu.control.now()).getTime();
  // retire_after = "1d": the app keys end by themselves within a day
  // Both environments' keys rotated above (each an old one retired then, and the new one now).
  expect(left.map((k) => k.description).sort()).toEqual([
    "production / app",
    "production / app",
    "staging / app",
    "staging / app",
  ]);
  for (const key of left) expect(Date.parse(key.expiresAt!)).toBeLessThanOrEqual(now + 86_400_000 + 5_000);
  expect(await automation.control.activeKeys()).toEqual([]);
});

test("no key value and no admin key appears in anything tofu printed", async () => {
  const printed = tofu.allOutput();
  expect(printed).not.toMatch(/VENICE_(INFERENCE|ADMIN)_KEY_/);
  expect(printed).not.toContain(emu.adminKey);
  expect(printed).not.toContain(automation.adminKey);
});
