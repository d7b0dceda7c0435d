import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { spawnCollecting, type CliResult } from "./spawn";

/** The repository root (this file runs from dist/driver or, under jest, from driver/). */
export const REPO_ROOT = resolve(__dirname, __dirname.includes(`${join("dist", "driver")}`) ? "../.." : "..");
export const TOOLS_BIN = join(REPO_ROOT, ".tools", "bin");

/**
 * A scratch copy of the root project (Pulumi.yaml and infra/) under the ignored .state/ folder, so that
 * the stack files `pulumi stack init` and `pulumi config set` write never land in the repository.
 * Module resolution still walks up to the repository's node_modules. Its own package.json makes it a
 * package of its own, as a user's project is: inside the repository's package scope, Node would resolve
 * "pulumi-venice" to the checkout itself, and its state would hold an inlined provider stub instead of
 * the one `require("pulumi-venice/provider-stub")` a user's state holds.
 */
export function rootProjectCopy(): string {
  mkdirSync(join(REPO_ROOT, ".state"), { recursive: true });
  const dir = mkdtempSync(join(REPO_ROOT, ".state", "project-"));
  cpSync(join(REPO_ROOT, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  cpSync(join(REPO_ROOT, "infra"), join(dir, "infra"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "venice-keys", private: true }));
  return dir;
}

export type { CliResult };

export interface StackOptions {
  /** The Pulumi project folder (where Pulumi.yaml is). */
  projectDir: string;
  stack: string;
  /** VENICE_* and anything else the provider should see. */
  env: Record<string, string>;
}

/**
 * One stack driven through the real `pulumi` binary: its own PULUMI_HOME, a file backend and
 * passphrase secrets in a temporary folder, so nothing touches the user's ~/.pulumi or the network.
 * Every line the CLI prints is kept in `transcript`, for leak checks.
 */
export class PulumiStack {
  readonly workDir: string;
  readonly transcript: string[] = [];
  private readonly env: NodeJS.ProcessEnv;

  private constructor(readonly options: StackOptions) {
    this.workDir = mkdtempSync(join(tmpdir(), "pulumi-venice-stack-"));
    mkdirSync(join(this.workDir, "state"));
    this.env = {
      ...process.env,
      PULUMI_HOME: join(this.workDir, "home"),
      PULUMI_BACKEND_URL: `file://${join(this.workDir, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: randomBytes(12).toString("hex"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      // node 22 from node_modules/.bin must win over the machine's node for the hosts Pulumi starts.
      PATH: [TOOLS_BIN, dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
      ...options.env,
    };
  }

  static async create(options: StackOptions): Promise<PulumiStack> {
    const stack = new PulumiStack(options);
    await stack.expect(["stack", "init", options.stack, "--secrets-provider", "passphrase"]);
    return stack;
  }

  /**
   * Runs `pulumi <args>` in the project with this stack selected; never throws on a non-zero exit.
   * `record: false` keeps the output out of the transcript (for the one call that shows secrets).
   */
  run(
    args: string[],
    extraEnv: Record<string, string> = {},
    record = true,
    stdin?: string,
  ): Promise<CliResult> {
    const full = [...args, "--non-interactive", "--cwd", this.options.projectDir];
    if (args[0] !== "stack" || args[1] !== "init") full.push("--stack", this.options.stack);
    return this.spawnCollecting(
      "pulumi",
      full,
      extraEnv,
      record ? `pulumi ${full.join(" ")}` : undefined,
      stdin,
    );
  }

  /**
   * What a user of the file backend does after a SIGKILL that landed while Pulumi was writing state: the
   * backend writes the checkpoint atomically but its metadata sidecar (`<stack>.json.attrs`) in place, so
   * a kill at that moment leaves the sidecar empty and every later command fails with
   * "failed to load checkpoint: EOF". Removing the empty sidecar restores the (intact) checkpoint.
   * Returns the sidecars removed.
   */
  repairInterruptedStateWrite(): string[] {
    const removed: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith(".attrs") && statSync(path).size === 0) {
          rmSync(path);
          removed.push(path);
        }
      }
    };
    walk(join(this.workDir, "state"));
    return removed;
  }

  /** Sets environment variables for every later command of this stack. */
  setEnv(variables: Record<string, string>): void {
    Object.assign(this.env, variables);
  }

  /** Runs a shell command line (as a CI step would) in the project, with this stack's environment. */
  shell(commandLine: string, extraEnv: Record<string, string> = {}): Promise<CliResult> {
    return this.spawnCollecting(
      "bash",
      ["-c", commandLine],
      { STACK: this.options.stack, ...extraEnv },
      commandLine,
    );
  }

  /** Spawns in the project folder, collects both streams, and records them under `label` when given. */
  private spawnCollecting(
    command: string,
    args: string[],
    extraEnv: Record<string, string>,
    label?: string,
    stdin?: string,
  ): Promise<CliResult> {
    return this.spawnWatched(command, args, extraEnv, label, stdin, "close").finished;
  }

  private spawnWatched(
    command: string,
    args: string[],
    extraEnv: Record<string, string>,
    label: string | undefined,
    stdin: string | undefined,
    /** "close" waits for all output; "exit" settles when the process dies even if its pipes live on. */
    settleOn: "close" | "exit",
  ): { child: ChildProcess; finished: Promise<CliResult> } {
    const { child, finished: collected } = spawnCollecting(command, args, {
      cwd: this.options.projectDir,
      env: { ...this.env, ...extraEnv, PATH: this.env.PATH },
      stdin,
      settleOn,
    });
    const finished = collected.then((result) => {
      if (label !== undefined) this.transcript.push(`$ ${label}\n${result.output}`);
      return result;
    });
    return { child, finished };
  }

  /**
   * Starts `pulumi <args>` without waiting for it, for a test that stops it midway (as a lost CI runner
   * does); `finished` settles when the CLI process itself exits.
   */
  start(args: string[], extraEnv: Record<string, string> = {}) {
    const full = [
      ...args,
      "--non-interactive",
      "--cwd",
      this.options.projectDir,
      "--stack",
      this.options.stack,
    ];
    // A killed CLI's plugins may hold its pipes open after it is gone: settle on its own exit.
    return this.spawnWatched("pulumi", full, extraEnv, `pulumi ${full.join(" ")}`, undefined, "exit");
  }

  /** Runs and fails with the CLI's own output when the exit code is not the expected one. */
  async expect(args: string[], code = 0, extraEnv: Record<string, string> = {}): Promise<CliResult> {
    const result = await this.run(args, extraEnv);
    if (result.code !== code) {
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code}, expected ${code}:\n${result.output}`);
    }
    return result;
  }

  up(...flags: string[]) {
    return this.expect(["up", "--yes", "--skip-preview", "--color", "never", ...flags]);
  }

  preview(...flags: string[]) {
    return this.run(["preview", "--color", "never", "--diff", ...flags]);
  }

  refresh() {
    return this.expect(["refresh", "--yes", "--skip-preview", "--color", "never"]);
  }

  destroy() {
    return this.expect(["destroy", "--yes", "--skip-preview", "--color", "never"]);
  }

  /** Secret values go in on stdin, never on the command line (where `ps` and transcripts would see them). */
  async setConfig(key: string, value: string, secret = false) {
    const args = secret ? ["config", "set", key, "--secret"] : ["config", "set", key, value];
    const result = await this.run(args, {}, true, secret ? value : undefined);
    if (result.code !== 0)
      throw new Error(`pulumi config set ${key} exited ${result.code}:\n${result.output}`);
  }

  async outputs(): Promise<Record<string, unknown>> {
    const result = await this.expect(["stack", "output", "--json"]);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  /** Stack outputs with secrets decrypted, kept out of the transcript: for leak checks only. */
  async secretOutputs(): Promise<Record<string, unknown>> {
    const result = await this.run(["stack", "output", "--json", "--show-secrets"], {}, false);
    if (result.code !== 0) throw new Error(`pulumi stack output --show-secrets exited ${result.code}`);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  /** The checkpoint as `pulumi stack export` prints it (secrets stay encrypted). */
  async exportState(): Promise<string> {
    return (await this.expect(["stack", "export"])).stdout;
  }

  allOutput(): string {
    return this.transcript.join("\n");
  }
}
