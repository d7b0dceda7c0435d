import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { rootProjectCopy } from "../../driver/pulumiCli";
import { cliStack, E2E_TIMEOUT, PulumiStack } from "../helpers/e2e";

/**
 * `pulumi-venice audit --stack` against real stacks through the real CLI: it reads state with
 * `pulumi stack export`, takes credentials as the provider does (here from the stack's secret config),
 * finds what no stack holds, and with --yes deletes exactly that.
 */
jest.setTimeout(E2E_TIMEOUT);
const CLI = resolve(__dirname, "../../dist/cli/main.js");

test("audit over two stacks on one account (--stack and --state) finds the key neither holds, and deletes only it with --yes", async () => {
  const { emu, pulumi: dev } = await cliStack(rootProjectCopy(), "dev");
  try {
    // Another stack on the same account, in a backend of its own: the audit reads it from an export file.
    const prod = await PulumiStack.create({
      projectDir: rootProjectCopy(),
      stack: "prod",
      env: dev.options.env,
    });
    await dev.setConfig(
      "keys",
      JSON.stringify({ ci: { description: "dev / ci", consumptionLimit: { usd: 1 } } }),
    );
    await dev.up();
    await prod.setConfig(
      "keys",
      JSON.stringify({ ci: { description: "prod / ci", consumptionLimit: { usd: 1 } } }),
    );
    await prod.up();
    const stray = (
      await emu.api("POST", "/api_keys", {
        apiKeyType: "INFERENCE",
        description: "by hand",
        consumptionLimit: { usd: 1 },
      })
    ).body.data as { id: string };

    // Credentials from the stack's secret config, as the provider reads them when the environment has none.
    await dev.setConfig("venice:adminApiKey", emu.adminKey, true);
    const noEnv = { VENICE_ADMIN_API_KEY: "" };
    const devOnly = await dev.shell(`node ${CLI} audit --stack dev --json`, noEnv);
    expect(devOnly.code).toBe(1);
    const unmanaged = (
      JSON.parse(devOnly.stdout) as { findings: Array<{ kind: string; keyId: string }> }
    ).findings
      .filter((f) => f.kind === "unmanaged")
      .map((f) => f.keyId);
    expect(unmanaged).toHaveLength(2); // prod's key and the stray: dev alone holds neither

    const prodState = await prod.exportState();
    const stateFile = resolve(dev.workDir, "prod.json");
    writeFileSync(stateFile, prodState);
    const both = await dev.shell(
      `node ${CLI} audit --stack dev --state ${stateFile} --delete-unmanaged --yes`,
      noEnv,
    );
    expect(both.code).toBe(1);
    expect(both.output).toContain(`Deleted ${stray.id}.`);
    expect((await emu.control.activeKeys()).map((k) => k.description).sort()).toEqual([
      "dev / ci",
      "prod / ci",
    ]);
    expect(both.output + devOnly.output).not.toContain(emu.adminKey);

    const clean = await dev.shell(`node ${CLI} audit --stack dev --state ${stateFile}`, noEnv);
    expect(clean.code).toBe(0);
    await dev.destroy();
    await prod.destroy();
  } finally {
    await emu.close();
  }
});
