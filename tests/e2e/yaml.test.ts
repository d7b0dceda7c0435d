import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exampleProject } from "../../driver/consumer";
import { cliStack, E2E_TIMEOUT, type PulumiStack } from "../helpers/e2e";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

/**
 * examples/yaml through the real CLI and Pulumi YAML's language host: the native venice plugin from the
 * installed package, per-environment keys on the default provider and an explicit provider for a second
 * account (a second emulator), drift, replacement, `pulumi import`, destroy.
 */
jest.setTimeout(E2E_TIMEOUT);

let emu: TestEmulator;
let automation: TestEmulator;
let pulumi: PulumiStack;
let project: string;

beforeAll(async () => {
  automation = await startTestEmulator({
    adminKey: "VENICE_ADMIN_KEY_automation0000000000000000000000000000000",
  });
  project = exampleProject("yaml");
  ({ emu, pulumi } = await cliStack(project, "dev"));
  await pulumi.setConfig("automationAdminKey", automation.adminKey, true);
  await pulumi.setConfig("automationBaseUrl", automation.url);
  await pulumi.up();
});
afterAll(async () => {
  await emu.close();
  await automation.close();
});

const descriptions = async (e: TestEmulator) =>
  (await e.control.activeKeys()).map((k) => k.description).sort();

test("up makes the default provider's keys in one account and the explicit provider's in the other", async () => {
  expect(await descriptions(emu)).toEqual(["dev / app", "dev / ci"]);
  expect(await descriptions(automation)).toEqual(["dev / deployer"]);
  const outputs = await pulumi.outputs();
  expect(outputs.ciKey).toBe("[secret]");
  expect((await pulumi.secretOutputs()).ciKey).toMatch(/^VENICE_INFERENCE_KEY_/);
  expect((await pulumi.preview("--refresh", "--expect-no-changes")).code).toBe(0);
});

test("the state holds the key values and the admin key only encrypted", async () => {
  const state = await pulumi.exportState();
  expect(state).not.toMatch(/VENICE_[A-Z]+_KEY_/);
  expect(state).not.toContain(automation.adminKey);
});

test("drift is caught by the gate and healed by up --refresh", async () => {
  const ci = (await emu.control.activeKeys()).find((k) => k.description === "dev / ci")!;
  await emu.control.editKey(ci.id, { consumptionLimits: { usd: 999 } });
  const gate = await pulumi.preview("--refresh", "--expect-no-changes");
  expect(gate.code).not.toBe(0);
  expect(gate.output).toContain("consumptionLimit");
  await pulumi.up("--refresh");
  expect((await emu.control.activeKeys()).find((k) => k.id === ci.id)?.consumptionLimits.usd).toBe(25);
  expect((await pulumi.preview("--refresh", "--expect-no-changes")).code).toBe(0);
});

test("a type change replaces the key, the new one first", async () => {
  const before = (await emu.control.activeKeys()).find((k) => k.description === "dev / app")!;
  await pulumi.setConfig("appKeyType", "ADMIN");
  await pulumi.up();
  const app = (await emu.control.activeKeys()).filter((k) => k.description === "dev / app");
  expect(app).toHaveLength(1);
  expect(app[0]).toMatchObject({ apiKeyType: "ADMIN" });
  expect(app[0]!.id).not.toBe(before.id);
});

/** Puts the resources `pulumi import --out` printed into the program, as a user pastes them. */
function declareAsPrinted(out: string): void {
  const generated = readFileSync(out, "utf8");
  const resources = generated.slice(generated.indexOf("resources:") + "resources:".length).replace(/^\n/, "");
  const program = readFileSync(join(project, "Pulumi.yaml"), "utf8").replace(
    "resources:\n",
    `resources:\n${resources}`,
  );
  writeFileSync(join(project, "Pulumi.yaml"), program);
}

test("pulumi import adopts a key made by hand, and the code it prints previews with no changes", async () => {
  const made = (
    await emu.api("POST", "/api_keys", {
      apiKeyType: "INFERENCE",
      description: "made by hand",
      consumptionLimit: { usd: 3 },
    })
  ).body.data as { id: string };
  const out = join(project, "imported.yaml");
  const imported = await pulumi.run([
    "import",
    "venice:index:ApiKey",
    "legacy",
    made.id,
    "--yes",
    "--out",
    out,
  ]);
  expect(imported.code).toBe(0);
  expect(imported.output).toMatch(/imported key's secret is unknown.*adoptKeyId and adoptKeyValue/s);
  declareAsPrinted(out); // its resources go into the program beside the others
  expect((await pulumi.preview("--expect-no-changes")).code).toBe(0);
  expect((await emu.control.activeKeys()).filter((k) => k.description === "made by hand")).toHaveLength(1);
});

test("a key with no caps but a non-default limitPeriod imports with its period and previews clean", async () => {
  const made = (
    await emu.api("POST", "/api_keys", {
      apiKeyType: "INFERENCE",
      description: "period, no caps",
      limitPeriod: "LIFETIME",
    })
  ).body.data as { id: string };
  const out = join(project, "imported-period.yaml");
  const imported = await pulumi.run([
    "import",
    "venice:index:ApiKey",
    "period",
    made.id,
    "--yes",
    "--out",
    out,
  ]);
  expect(imported.code).toBe(0);
  const generated = readFileSync(out, "utf8");
  expect(generated).toMatch(/limitPeriod: LIFETIME/);
  declareAsPrinted(out);
  expect((await pulumi.preview("--expect-no-changes")).code).toBe(0);
  await emu.control.clearRequests();
  await pulumi.up();
  // The first up after the import changes nothing in Venice: no PATCH back to EPOCH.
  expect((await emu.control.requests()).filter((r) => r.method === "PATCH")).toEqual([]);
});

test("destroy removes every key from both accounts, retiring the one with retireAfter", async () => {
  await pulumi.run(["state", "unprotect", "--all", "--yes"]);
  await pulumi.destroy();
  const left = await emu.control.activeKeys();
  expect(left.map((k) => k.description)).toEqual(["dev / ci"]); // retireAfter: 1d, so it ends by itself
  expect(Date.parse(left[0]!.expiresAt!)).toBeLessThanOrEqual(Date.now() + 86_400_000);
  expect(await automation.control.activeKeys()).toEqual([]);
});
