import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { REPO_ROOT, TOOLS_BIN } from "./pulumiCli";
import { spawnCollecting, type CliResult } from "./spawn";

/**
 * One Terraform working directory driven through the real `tofu` binary (npm run setup:tofu): its own
 * folder, its own CLI configuration pointing `tofu init` at a filesystem mirror that
 * `pulumi-venice terraform-mirror` laid out for this checkout's provider, local state, no network. Every
 * line tofu prints is kept in `transcript`, for leak checks.
 */
export interface TofuOptions {
  /** File name to HCL. */
  files: Record<string, string>;
  /** VENICE_* and anything else the provider should see. */
  env: Record<string, string>;
  /**
   * The CLI configuration, given the workspace's own root folder (default: a mirror of this checkout's
   * provider laid out by `pulumi-venice terraform-mirror`). The bench points it at another provider.
   */
  cliConfig?: (root: string) => string;
  /** Keep tofu's debug log (default); the bench turns it off, as it costs time. */
  log?: boolean;
}

export class TofuWorkspace {
  readonly dir: string;
  readonly transcript: string[] = [];
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: TofuOptions) {
    const root = mkdtempSync(join(tmpdir(), "pulumi-venice-tofu-"));
    this.dir = join(root, "work");
    const config = options.cliConfig
      ? options.cliConfig(root)
      : execFileSync(
          process.execPath,
          [join(REPO_ROOT, "dist/cli/main.js"), "terraform-mirror", join(root, "mirror")],
          {
            encoding: "utf8",
            stdio: ["ignore", "pipe", "ignore"],
          },
        );
    writeFileSync(join(root, "cli.tfrc"), config);
    execFileSync("mkdir", ["-p", this.dir]);
    for (const [name, text] of Object.entries(options.files)) writeFileSync(join(this.dir, name), text);
    this.env = {
      ...process.env,
      // This machine's own TF_CLI_CONFIG_FILE names a file that does not exist: every run sets its own.
      TF_CLI_CONFIG_FILE: join(root, "cli.tfrc"),
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
      TF_PLUGIN_CACHE_DIR: "",
      // tofu's own log (the provider's stderr included), for when a run fails: never on stdout.
      ...(options.log === false ? { TF_LOG: "" } : { TF_LOG: "DEBUG", TF_LOG_PATH: join(root, "tofu.log") }),
      // node 22 from node_modules/.bin must win over the machine's node for the provider's launcher.
      PATH: [TOOLS_BIN, dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
      ...options.env,
    };
  }

  write(name: string, text: string): void {
    writeFileSync(join(this.dir, name), text);
  }

  setEnv(variables: Record<string, string>): void {
    Object.assign(this.env, variables);
  }

  /** `tofu <args>` in the working directory; never throws on a non-zero exit. */
  run(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
    return this.start(args, extraEnv, "close").finished;
  }

  /** Starts `tofu <args>` without waiting, for a test that kills it midway. */
  start(
    args: string[],
    extraEnv: Record<string, string> = {},
    settleOn: "close" | "exit" = "exit",
    group = false,
  ) {
    const { child, finished } = spawnCollecting("tofu", [...args], {
      cwd: this.dir,
      env: { ...this.env, ...extraEnv },
      settleOn,
      group,
    });
    return {
      child,
      finished: finished.then((result) => {
        this.transcript.push(`$ tofu ${args.join(" ")}\n${result.output}`);
        return result;
      }),
    };
  }

  /** Runs and fails with tofu's own output when the exit code is not the expected one. */
  async expect(args: string[], code = 0): Promise<CliResult> {
    const result = await this.run(args);
    if (result.code !== code) {
      throw new Error(
        `tofu ${args.join(" ")} exited ${result.code}, expected ${code}:\n${result.output}\n-- the end of tofu's log:\n${this.logTail()}`,
      );
    }
    return result;
  }

  init() {
    return this.expect(["init", "-no-color"]);
  }

  apply(...flags: string[]) {
    return this.expect(["apply", "-auto-approve", "-no-color", ...flags]);
  }

  /** `tofu plan -detailed-exitcode`: 0 no changes, 2 changes, 1 an error. */
  plan(...flags: string[]) {
    return this.run(["plan", "-no-color", "-detailed-exitcode", ...flags]);
  }

  destroy() {
    return this.expect(["destroy", "-auto-approve", "-no-color"]);
  }

  /** `tofu output -json`, sensitive values included: for leak checks only, kept out of the transcript. */
  async outputs(): Promise<Record<string, { value: unknown; sensitive: boolean }>> {
    const { finished } = spawnCollecting("tofu", ["output", "-json"], { cwd: this.dir, env: this.env });
    const result = await finished;
    return JSON.parse(result.stdout) as Record<string, { value: unknown; sensitive: boolean }>;
  }

  /** `tofu show -json` as printed, kept out of the transcript (sensitive values are in it). */
  async stateJson(): Promise<string> {
    const { finished } = spawnCollecting("tofu", ["show", "-json"], { cwd: this.dir, env: this.env });
    return (await finished).stdout;
  }

  /** The state as `tofu show -json` prints it (sensitive values are in it: keep it out of logs). */
  async state(): Promise<{
    values?: { root_module?: { resources?: Array<{ address: string; values: Record<string, unknown> }> } };
  }> {
    const { finished } = spawnCollecting("tofu", ["show", "-json"], { cwd: this.dir, env: this.env });
    return JSON.parse((await finished).stdout) as never;
  }

  /** The end of tofu's debug log (where the provider's stderr goes), for failure messages. */
  logTail(lines = 60): string {
    try {
      return readFileSync(join(dirname(this.dir), "tofu.log"), "utf8")
        .split("\n")
        .slice(-lines)
        .join("\n");
    } catch {
      return "(no log)";
    }
  }

  allOutput(): string {
    return this.transcript.join("\n");
  }
}
