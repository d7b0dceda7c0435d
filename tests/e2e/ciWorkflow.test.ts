import { readFileSync } from "node:fs";
import { join } from "node:path";
import { exampleProject } from "../../driver/consumer";
import { cliStack, E2E_TIMEOUT, stackSecrets } from "../helpers/e2e";

/**
 * examples/ci: the GitHub Actions workflow's own `pulumi` steps, run as written against the emulator:
 * the apply job's `pulumi up`, then the scheduled drift job's gate, clean and after a dashboard edit.
 */
jest.setTimeout(E2E_TIMEOUT);

function pulumiSteps(workflow: string, job: string): string[] {
  const section = workflow.split(/\n  (?=[a-z]+:\n)/).find((s) => s.startsWith(`${job}:`));
  if (!section) throw new Error(`job ${job} not found in the workflow`);
  return [...section.matchAll(/- run: ((?:pulumi|npx pulumi-venice) .+)$/gm)].map((m) => m[1]!);
}

test("the workflow's preview (with the policy pack), apply, drift and audit steps work as written", async () => {
  const project = exampleProject("ci");
  const workflow = readFileSync(join(project, ".github", "workflows", "venice-keys.yml"), "utf8");
  const preview = pulumiSteps(workflow, "preview");
  const apply = pulumiSteps(workflow, "apply");
  const drift = pulumiSteps(workflow, "drift");
  const audit = pulumiSteps(workflow, "audit");
  expect(preview).toEqual([
    expect.stringMatching(/^pulumi preview --policy-pack node_modules\/pulumi-venice\/policy/),
  ]);
  expect(apply).toEqual([expect.stringMatching(/^pulumi up --refresh --yes/)]); // deploys from what Venice has
  expect(drift).toEqual([expect.stringMatching(/^pulumi preview --refresh --expect-no-changes/)]);
  expect(audit).toEqual([expect.stringMatching(/^npx pulumi-venice audit --stack/)]);

  const { emu, pulumi } = await cliStack(project, "prod");
  try {
    for (const step of preview) {
      const result = await pulumi.shell(step);
      expect({ step, code: result.code }).toEqual({ step, code: 0 });
      expect(result.output).toMatch(/pulumi-venice@v/); // the pack ran
    }
    for (const step of apply) expect((await pulumi.shell(step)).code).toBe(0);
    const [key] = await emu.control.activeKeys();
    expect(key).toMatchObject({
      description: "ci / inference tests",
      modelPrivacy: "PRIVATE_TEXT",
      limitPeriod: "MONTH",
    });

    for (const step of drift) {
      const result = await pulumi.shell(step);
      expect({ step, code: result.code, output: result.code === 0 ? "" : result.output }).toEqual({
        step,
        code: 0,
        output: "",
      });
    }
    for (const step of audit) expect((await pulumi.shell(step)).code).toBe(0); // nothing to report yet
    // A key made by hand in the account: the scheduled audit step fails and names it.
    const stray = (await emu.api("POST", "/api_keys", { apiKeyType: "INFERENCE", description: "by hand" }))
      .body.data;
    const audited = await pulumi.shell(audit[0]!);
    expect(audited.code).toBe(1);
    expect(audited.output).toMatch(new RegExp(`unmanaged\\s+${stray.id}\\s+INFERENCE\\s+by hand`));
    await emu.api("DELETE", `/api_keys?id=${stray.id}`);
    await emu.control.editKey(key!.id, { modelPrivacy: "ALL" });
    const caught = await pulumi.shell(drift[0]!);
    expect(caught.code).not.toBe(0);
    expect(caught.output).toContain("modelPrivacy");

    const secrets = await stackSecrets(pulumi, emu);
    await pulumi.destroy();
    for (const secret of secrets) expect(pulumi.allOutput()).not.toContain(secret);
  } finally {
    await emu.close();
  }
});
