import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { consumerDir } from "../../driver/consumer";
import { REPO_ROOT, TOOLS_BIN } from "../../driver/pulumiCli";
import { E2E_TIMEOUT } from "../helpers/e2e";
import { startTestEmulator } from "../helpers/emulator";
import { generatedGoSdk, goProgram, tree } from "../helpers/go";

/**
 * Go: the SDK generated offline from the plugin's schema (committed under sdk/go), and a Go program
 * using it through the Automation API's inline source, against the emulator, with the native plugin of
 * the installed package.
 */
jest.setTimeout(E2E_TIMEOUT);

test("the committed Go SDK is exactly what the generator makes of today's schema", () => {
  expect(tree(join(generatedGoSdk(), "venice"))).toEqual(tree(join(REPO_ROOT, "sdk/go/venice")));
});

test("a Go program brings a key up through the Automation API, its value a secret, and destroys it", async () => {
  const binary = goProgram();
  const emu = await startTestEmulator();
  try {
    const work = mkdtempSync(join(tmpdir(), "venice-go-run-"));
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
      execFile(
        binary,
        [join(consumerDir(), "node_modules/pulumi-venice/bin")],
        {
          cwd: work,
          env: {
            ...process.env,
            PATH: [TOOLS_BIN, dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
            PULUMI_HOME: join(work, "home"),
            PULUMI_BACKEND_URL: `file://${work}`,
            PULUMI_CONFIG_PASSPHRASE: "go-test",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            VENICE_ADMIN_API_KEY: emu.adminKey,
            VENICE_API_KEY: "",
            VENICE_BASE_URL: emu.url,
          },
        },
        (err, stdout, stderr) => done({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect({ code: run.code, stderr: run.code === 0 ? "" : run.stderr }).toEqual({ code: 0, stderr: "" });
    const made = JSON.parse(run.stdout.trim().split("\n").pop()!) as {
      keyId: string;
      keySecret: boolean;
      last6Chars: string;
    };
    expect(made.keySecret).toBe(true);
    const [key] = (await emu.control.keys()).filter((k) => k.id === made.keyId);
    expect(key).toMatchObject({
      description: "go / ci",
      limitPeriod: "MONTH",
      modelPrivacy: "PRIVATE_TEXT",
      consumptionLimits: { usd: 5 },
      last6Chars: made.last6Chars,
      state: "deleted",
    });
    expect(run.stdout).not.toMatch(/VENICE_INFERENCE_KEY_/);
  } finally {
    await emu.close();
  }
});
