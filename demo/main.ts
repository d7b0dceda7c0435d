import { randomBytes } from "node:crypto";
import { EmulatorControl, startEmulator, type EmulatedKey } from "../emulator";
import { PulumiStack, rootProjectCopy, type CliResult } from "../driver/pulumiCli";

/**
 * `npm run demo`: the root project against the embedded emulator, narrated step by step:
 * up, look at the keys, change them "in the dashboard", catch the drift, heal it, destroy.
 * Exits non-zero as soon as a step does not behave as narrated.
 */
const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

const DECLARED = {
  "staging-ci": {
    description: "staging / ci",
    consumptionLimit: { usd: 25 },
    limitPeriod: "MONTH",
    expiresAt: inDays(90),
  },
  "staging-app": {
    description: "staging / app",
    modelPrivacy: "PRIVATE_TEXT",
    consumptionLimit: { usd: 100, diem: 10 },
  },
  "staging-ops": { description: "staging / ops", apiKeyType: "ADMIN", expiresAt: inDays(30) },
};

class StepFailed extends Error {}

let stepNo = 0;
function step(title: string): void {
  stepNo += 1;
  console.log(`\n==> ${stepNo}. ${title}`);
}
function say(line: string): void {
  console.log(`    ${line}`);
}
function expectThat(condition: boolean, failure: string): void {
  if (!condition) throw new StepFailed(failure);
}
function showCli(result: CliResult, pick: (line: string) => boolean = () => true): void {
  for (const line of result.output.split("\n")) if (line.trim() && pick(line)) say(`| ${line}`);
}
function table(keys: EmulatedKey[]): void {
  say("name/description           type       last6   expires      limits (usd/diem)  period    privacy");
  for (const k of keys) {
    const limits = `${k.consumptionLimits.usd ?? "-"}/${k.consumptionLimits.diem ?? "-"}`;
    say(
      `${k.description.padEnd(26)} ${k.apiKeyType.padEnd(10)} …${k.last6Chars}  ${(k.expiresAt ?? "never").slice(0, 10).padEnd(12)} ` +
        `${limits.padEnd(18)} ${k.limitPeriod.padEnd(9)} ${k.modelPrivacy}`,
    );
  }
}

async function main(): Promise<void> {
  const adminKey = `VENICE_ADMIN_KEY_${randomBytes(32).toString("base64url").slice(0, 42)}`;
  const emulator = await startEmulator({ adminKey });
  const control = new EmulatorControl(emulator.controlUrl, adminKey);
  console.log(
    `pulumi-venice demo: the root project (Pulumi.yaml) against the embedded Venice emulator at ${emulator.url}`,
  );
  const stack = await PulumiStack.create({
    projectDir: rootProjectCopy(),
    stack: "staging",
    env: { VENICE_ADMIN_API_KEY: adminKey, VENICE_BASE_URL: emulator.url, VENICE_API_KEY: "" },
  });
  say(`project: a scratch copy of the root project in ${stack.options.projectDir}`);
  say(`state: file backend in ${stack.workDir}, secrets: passphrase`);

  try {
    step("pulumi up: three keys for the staging environment, declared in stack config");
    await stack.setConfig("keys", JSON.stringify(DECLARED));
    const up = await stack.up();
    showCli(up, (l) => /ApiKey|Resources|created|\+ \d/.test(l));
    const keys = await control.activeKeys();
    expectThat(keys.length === 3, `expected 3 keys in the account, found ${keys.length}`);

    step("the keys as Venice holds them (values never shown: last six characters only)");
    table(keys);
    const outputs = await stack.outputs();
    say(`stack output keyValues: ${JSON.stringify(outputs.keyValues)}`);
    expectThat(outputs.keyValues === "[secret]", "key values should be a secret stack output");

    step("someone edits staging / ci in the dashboard: limit 25 -> 500 USD, expiry moved a year out");
    const ci = keys.find((k) => k.description === "staging / ci")!;
    await control.editKey(ci.id, {
      consumptionLimits: { usd: 500 },
      expiresAt: `${inDays(365)}T00:00:00.000Z`,
    });
    const drift = await stack.preview("--refresh", "--expect-no-changes");
    showCli(drift, (l) => /consumptionLimit|usd|expiresAt|to update|error:/.test(l));
    expectThat(drift.code !== 0, "pulumi preview --refresh --expect-no-changes should fail on drift");
    expectThat(
      /consumptionLimit/.test(drift.output) && /expiresAt/.test(drift.output),
      "the drifted fields should be named",
    );
    say("drift gate failed as it should, naming consumptionLimit and expiresAt");

    step("pulumi up --refresh puts the declared values back");
    const heal = await stack.up("--refresh");
    showCli(heal, (l) => /updated|Resources|unchanged/.test(l));
    const healed = (await control.activeKeys()).find((k) => k.id === ci.id)!;
    expectThat(
      healed.consumptionLimits.usd === 25,
      `limit should be 25 again, is ${healed.consumptionLimits.usd}`,
    );
    expectThat(
      healed.expiresAt === `${DECLARED["staging-ci"].expiresAt}T00:00:00.000Z`,
      "expiry should be back",
    );
    const clean = await stack.preview("--refresh", "--expect-no-changes");
    expectThat(clean.code === 0, `the drift gate should pass after healing:\n${clean.output}`);
    say(
      "the same key (same id, same secret) is back to its declared limit and expiry; the drift gate passes",
    );

    step("pulumi destroy");
    const secrets = Object.values((await stack.secretOutputs()).keyValues as Record<string, string>);
    showCli(await stack.destroy(), (l) => /deleted|Resources/.test(l));
    const left = await control.activeKeys();
    expectThat(left.length === 0, `the account should hold no keys, holds ${left.length}`);
    say("the emulator holds zero keys");

    const printed = stack.allOutput();
    expectThat(!printed.includes(adminKey), "the admin key appeared in CLI output");
    expectThat(
      secrets.length === 3 && secrets.every((s) => !printed.includes(s)),
      "a key value appeared in CLI output",
    );
    console.log(
      "\ndemo finished: up -> drift -> heal -> destroy behaved as narrated; no key value or admin key was printed.",
    );
  } finally {
    await emulator.close();
  }
}

main().catch((err: unknown) => {
  console.error(`\ndemo FAILED at step ${stepNo}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
