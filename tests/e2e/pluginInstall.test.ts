import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exampleProject } from "../../driver/consumer";
import { REPO_ROOT } from "../../driver/pulumiCli";
import { cliStack, E2E_TIMEOUT } from "../helpers/e2e";

/**
 * `npm run plugin:pack`'s tarball, installed as a user installs a plugin once per machine: a YAML
 * project then needs no `plugins:` block and no node_modules of its own.
 */
jest.setTimeout(E2E_TIMEOUT);

test("the packed plugin installs with `pulumi plugin install --file` and serves a YAML project", async () => {
  const out = mkdtempSync(join(tmpdir(), "venice-plugin-"));
  const tarball = execFileSync(
    process.execPath,
    [join(REPO_ROOT, "toolchain/plugin-pack.js"), "--out", out],
    {
      encoding: "utf8",
    },
  ).trim();
  const version = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string })
    .version;
  expect(tarball).toMatch(new RegExp(`pulumi-resource-venice-v${version.replace(/\./g, "\\.")}-`));

  const project = exampleProject("yaml");
  const manifest = join(project, "Pulumi.yaml");
  writeFileSync(manifest, readFileSync(manifest, "utf8").replace(/^plugins:\n(  .*\n)+/m, ""));
  const { emu, pulumi } = await cliStack(project, "installed");
  try {
    const install = await pulumi.shell(`pulumi plugin install resource venice ${version} --file ${tarball}`);
    expect({ code: install.code, output: install.output }).toEqual({
      code: 0,
      output: expect.stringMatching(/installing/),
    });
    await pulumi.setConfig("automationAdminKey", emu.adminKey, true);
    await pulumi.setConfig("automationBaseUrl", emu.url);
    await pulumi.up();
    expect((await emu.control.activeKeys()).map((k) => k.description).sort()).toEqual([
      "installed / app",
      "installed / ci",
      "installed / deployer",
    ]);
    await pulumi.destroy();
  } finally {
    await emu.close();
  }
});
