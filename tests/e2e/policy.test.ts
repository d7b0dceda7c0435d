import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, rootProjectCopy } from "../../driver/pulumiCli";
import { cliStack, E2E_TIMEOUT, type PulumiStack } from "../helpers/e2e";
import type { TestEmulator } from "../helpers/emulator";

/**
 * The CrossGuard pack shipped in the package, where users find it (node_modules/pulumi-venice/policy),
 * run by `pulumi preview --policy-pack` through the real CLI and this project's language host.
 */
jest.setTimeout(E2E_TIMEOUT);

const PACK = join(REPO_ROOT, "node_modules", "pulumi-venice", "policy");
let emu: TestEmulator;
let pulumi: PulumiStack;
let projectDir: string;
beforeAll(async () => {
  projectDir = rootProjectCopy();
  ({ emu, pulumi } = await cliStack(projectDir, "prod"));
});
afterAll(() => emu.close());

async function previewWith(keys: Record<string, object>, config?: object) {
  await pulumi.setConfig("keys", JSON.stringify(keys));
  const flags = ["--policy-pack", PACK];
  if (config) {
    const file = join(projectDir, "policy-config.json");
    writeFileSync(file, JSON.stringify(config));
    flags.push("--policy-pack-config", file);
  }
  return pulumi.preview(...flags);
}

const COMPLIANT = {
  ci: { description: "ci", expireAfter: "90d", rotateBefore: "14d", consumptionLimit: { usd: 10 } },
  ops: { description: "ops", apiKeyType: "ADMIN", expireAfter: "30d", consumptionLimit: { usd: 0 } },
};

test("a compliant program passes, with no violation at all", async () => {
  const preview = await previewWith(COMPLIANT);
  expect(preview.code).toBe(0);
  expect(preview.output).toMatch(/Policy Packs run:[\s\S]*pulumi-venice\S*\s+0\.1\.0/);
  expect(preview.output).not.toMatch(/\[(mandatory|advisory)\]/);
  expect(await emu.control.requests()).toEqual([]); // policies and preview call nothing
});

test("an ADMIN key without an expiry fails preview, naming the policy and the resource", async () => {
  const preview = await previewWith({ ...COMPLIANT, ops: { description: "ops", apiKeyType: "ADMIN" } });
  expect(preview.code).not.toBe(0);
  expect(preview.output).toMatch(
    /\[mandatory\]\s+venice-admin-keys-expire\s+\(pulumi-nodejs:dynamic\/venice:ApiKey: ops\)/,
  );
  expect(preview.output).toMatch(/ApiKey 'ops' is an ADMIN key without an expiry/);
});

test("two keys with one type and description fail preview, naming the policy and the resource", async () => {
  const preview = await previewWith({ ...COMPLIANT, ci2: { ...COMPLIANT.ci } });
  expect(preview.code).not.toBe(0);
  expect(preview.output).toMatch(/\[mandatory\]\s+venice-descriptions-unique/);
  expect(preview.output).toMatch(/ApiKeys 'ci' and 'ci2' are both INFERENCE keys described "ci"/);
});

test("advisory policies warn without failing", async () => {
  const preview = await previewWith({ app: { description: "app" } });
  expect(preview.code).toBe(0);
  expect(preview.output).toMatch(
    /\[advisory\]\s+venice-keys-capped\s+\(pulumi-nodejs:dynamic\/venice:ApiKey: app\)/,
  );
  expect(preview.output).toMatch(/\[advisory\]\s+venice-keys-expire/);
});

test("config changes a level: the admin-expiry policy made advisory lets preview pass", async () => {
  const preview = await previewWith(
    { ...COMPLIANT, ops: { description: "ops", apiKeyType: "ADMIN", consumptionLimit: { usd: 0 } } },
    { "venice-admin-keys-expire": "advisory" },
  );
  expect(preview.code).toBe(0);
  expect(preview.output).toMatch(/\[advisory\]\s+venice-admin-keys-expire/);
});

test("config enables venice-private-models for the stacks it names, seen by their stack name", async () => {
  const config = { "venice-private-models": { enforcementLevel: "mandatory", privateStacks: ["pr*"] } };
  const preview = await previewWith(COMPLIANT, config);
  expect(preview.code).not.toBe(0);
  expect(preview.output).toMatch(/ApiKey 'ci' allows modelPrivacy ALL in stack 'prod'/);
  const ok = await previewWith(
    {
      ci: { ...COMPLIANT.ci, modelPrivacy: "PRIVATE_TEXT" },
      ops: { ...COMPLIANT.ops, modelPrivacy: "PRIVATE_ONLY" },
    },
    config,
  );
  expect(ok.code).toBe(0);
});

test("thresholds come from config: maxAdminKeyDays", async () => {
  const preview = await previewWith(COMPLIANT, { "venice-admin-keys-expire": { maxAdminKeyDays: 7 } });
  expect(preview.code).not.toBe(0);
  expect(preview.output).toMatch(/expiring in 30 days; the limit is 7 \(maxAdminKeyDays\)/);
});

test("`pulumi about` works with this project's language host", async () => {
  const about = await pulumi.run(["about"]);
  expect(about.code).toBe(0);
  expect(about.output).toMatch(
    /This project is written in nodejs: executable='[^']+' version='\d+\.\d+\.\d+'/,
  );
  expect(about.output).toMatch(/@pulumi\/pulumi\s+3\.\d+/);
});
