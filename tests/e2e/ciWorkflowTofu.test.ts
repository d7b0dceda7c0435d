import { readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { exampleProject } from "../../driver/consumer";
import { TOOLS_BIN } from "../../driver/pulumiCli";
import { spawnCollecting } from "../../driver/spawn";
import { E2E_TIMEOUT } from "../helpers/e2e";
import { startTestEmulator } from "../helpers/emulator";

/**
 * examples/ci's OpenTofu workflow: each job's `npx pulumi-venice` and `tofu` steps, run as written in a
 * user's project with the packed package installed, against the emulator: plan, apply, the scheduled
 * drift check (clean, then after a dashboard edit) and the audit (clean, then with a key made by hand).
 */
jest.setTimeout(E2E_TIMEOUT);

function steps(workflow: string, job: string): string[] {
  const section = workflow.split(/\n  (?=[a-z]+:\n)/).find((s) => s.startsWith(`${job}:`));
  if (!section) throw new Error(`job ${job} not found in the workflow`);
  return [...section.matchAll(/- run: ((?:tofu|npx pulumi-venice) .+)$/gm)].map((m) => m[1]!);
}

test("the OpenTofu workflow's plan, apply, drift and audit steps work as written", async () => {
  const project = exampleProject("ci");
  const workflow = readFileSync(join(project, ".github/workflows/venice-keys-tofu.yml"), "utf8");
  const emu = await startTestEmulator();
  const env = {
    ...process.env,
    VENICE_ADMIN_API_KEY: emu.adminKey,
    VENICE_BASE_URL: emu.url,
    VENICE_API_KEY: "",
    TF_IN_AUTOMATION: "1",
    GITHUB_WORKSPACE: project,
    TF_CLI_CONFIG_FILE: join(project, "venice-mirror.tfrc"),
    PATH: [TOOLS_BIN, dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
  };
  const printed: string[] = [];
  const run = async (step: string) => {
    const result = await spawnCollecting("bash", ["-c", step], { cwd: project, env }).finished;
    printed.push(result.output);
    return result;
  };
  const allPass = async (job: string) => {
    for (const step of steps(workflow, job)) {
      const result = await run(step);
      expect({ step, code: result.code, output: result.code === 0 ? "" : result.output }).toEqual({
        step,
        code: 0,
        output: "",
      });
    }
  };
  try {
    expect(steps(workflow, "drift").at(-1)).toMatch(
      /^tofu -chdir=terraform plan -refresh-only -detailed-exitcode/,
    );
    await allPass("plan");
    await allPass("apply");
    const [key] = await emu.control.activeKeys();
    expect(key).toMatchObject({
      description: "ci / inference tests (tofu)",
      modelPrivacy: "PRIVATE_TEXT",
      limitPeriod: "MONTH",
    });
    await allPass("drift");
    await allPass("audit");

    await emu.control.editKey(key!.id, { modelPrivacy: "ALL" });
    const caught = await run(steps(workflow, "drift").at(-1)!);
    expect(caught.code).toBe(2);
    expect(caught.output).toMatch(/model_privacy/);

    const stray = (await emu.api("POST", "/api_keys", { apiKeyType: "INFERENCE", description: "by hand" }))
      .body.data as { id: string };
    const audited = await run(steps(workflow, "audit").at(-1)!);
    expect(audited.code).toBe(1);
    expect(audited.output).toMatch(new RegExp(`unmanaged\\s+${stray.id}\\s+INFERENCE\\s+by hand`));

    expect((await run("tofu -chdir=terraform destroy -auto-approve -input=false")).code).toBe(0);
    // retire_after = "1d": the key is retired (it ends within a day), the one made by hand is untouched.
    const left = await emu.control.activeKeys();
    expect(left.map((k) => k.id).sort()).toEqual([key!.id, stray.id].sort());
    const retired = left.find((k) => k.id === key!.id)!;
    expect(Date.parse(retired.expiresAt!)).toBeLessThanOrEqual(Date.now() + 86_400_000 + 5_000);
    expect(printed.join("\n")).not.toMatch(/VENICE_(INFERENCE|ADMIN)_KEY_/);
  } finally {
    await emu.close();
  }
});
