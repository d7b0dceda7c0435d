import { rootProjectCopy } from "../../driver/pulumiCli";
import { TofuWorkspace } from "../../driver/tofuCli";
import { deviatingVenice } from "../helpers/deviatingVenice";
import { cliStack, E2E_TIMEOUT } from "../helpers/e2e";
import { startTestEmulator } from "../helpers/emulator";

/**
 * The report behind this test: a Venice whose create answer lacks the secret where we read it. Through
 * the real CLIs, `pulumi up` and `tofu apply` of three keys fail clearly and leave no key in the account;
 * with Venice back to normal, a plain retry makes the three and destroy ends at exactly none.
 */
jest.setTimeout(E2E_TIMEOUT);

const KEYS = Object.fromEntries(["a", "b", "c"].map((n) => [n, { description: `deviation ${n}` }]));

test("pulumi up through a Venice whose create answer lacks the secret leaves no key behind", async () => {
  const { emu, pulumi } = await cliStack(rootProjectCopy(), "deviation");
  const venice = await deviatingVenice(emu.url);
  try {
    await pulumi.setConfig("keys", JSON.stringify(KEYS));
    pulumi.setEnv({ VENICE_BASE_URL: venice.url });
    venice.deviate("create answer without the secret");
    const failed = await pulumi.run(["up", "--yes", "--skip-preview", "--color", "never"]);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toMatch(/cannot be read .*deleted again.*pulumi-venice conformance/s);
    expect(await emu.control.activeKeys()).toEqual([]);

    venice.deviate(undefined);
    await pulumi.up("--refresh");
    expect((await emu.control.activeKeys()).map((k) => k.description).sort()).toEqual(
      Object.values(KEYS).map((k) => k.description),
    );
    await pulumi.destroy();
    expect(await emu.control.activeKeys()).toEqual([]);
    expect(pulumi.allOutput()).not.toMatch(/VENICE_(INFERENCE|ADMIN)_KEY_/);
  } finally {
    await venice.close();
    await emu.close();
  }
});

test("tofu apply through a Venice whose create answer lacks the secret leaves no key behind", async () => {
  const emu = await startTestEmulator();
  const venice = await deviatingVenice(emu.url);
  try {
    const tofu = new TofuWorkspace({
      files: {
        "main.tf": `terraform {\n  required_providers {\n    venice = { source = "pulumi-venice/venice" }\n  }\n}\nresource "venice_api_key" "k" {\n  for_each    = toset(["a", "b", "c"])\n  description = "deviation \${each.key}"\n}\n`,
      },
      env: { VENICE_ADMIN_API_KEY: emu.adminKey, VENICE_BASE_URL: venice.url, VENICE_API_KEY: "" },
    });
    await tofu.init();
    venice.deviate("create answer without the secret");
    const failed = await tofu.run(["apply", "-auto-approve", "-no-color"]);
    expect(failed.code).toBe(1);
    expect(failed.output.replace(/\s+/g, " ")).toMatch(
      /cannot be read .*deleted again.*pulumi-venice conformance/,
    );
    expect(await emu.control.activeKeys()).toEqual([]);

    venice.deviate(undefined);
    await tofu.apply();
    expect(await emu.control.activeKeys()).toHaveLength(3);
    await tofu.destroy();
    expect(await emu.control.activeKeys()).toEqual([]);
    expect(tofu.allOutput()).not.toMatch(/VENICE_(INFERENCE|ADMIN)_KEY_/);
  } finally {
    await venice.close();
    await emu.close();
  }
});
