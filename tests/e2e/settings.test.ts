import { rootProjectCopy } from "../../driver/pulumiCli";
import { cliStack, E2E_TIMEOUT, stackSecrets } from "../helpers/e2e";

/** Credentials as users set them: a secret stack config value, read through the provider's configure. */
jest.setTimeout(E2E_TIMEOUT);

test("the admin key from `pulumi config set --secret venice:adminApiKey` works and stays encrypted", async () => {
  const { emu, pulumi } = await cliStack(rootProjectCopy(), "configkey", { VENICE_ADMIN_API_KEY: "" });
  try {
    await pulumi.setConfig("venice:adminApiKey", emu.adminKey, true);
    await pulumi.setConfig("keys", JSON.stringify({ k: { description: "configured" } }));
    await pulumi.up();
    expect((await emu.control.activeKeys()).map((k) => k.description)).toEqual(["configured"]);

    const secrets = await stackSecrets(pulumi, emu);
    const state = await pulumi.exportState();
    for (const secret of secrets) expect(state).not.toContain(secret);
    expect((await pulumi.preview("--refresh", "--expect-no-changes")).code).toBe(0);
    await pulumi.destroy();
    expect(await emu.control.activeKeys()).toEqual([]);
    for (const secret of secrets) expect(pulumi.allOutput()).not.toContain(secret);
  } finally {
    await emu.close();
  }
});

test("preview needs no admin key: declarations are checked and diffed without calling Venice", async () => {
  const { emu, pulumi } = await cliStack(rootProjectCopy(), "nokey", { VENICE_ADMIN_API_KEY: "" });
  try {
    await pulumi.setConfig(
      "keys",
      JSON.stringify({ k: { description: "planned", consumptionLimit: { usd: 3 } } }),
    );
    const preview = await pulumi.preview();
    expect(preview.code).toBe(0);
    expect(preview.output).toMatch(/\+ 2 to create|2 to create/);
    expect(await emu.control.requests()).toEqual([]);
  } finally {
    await emu.close();
  }
});
