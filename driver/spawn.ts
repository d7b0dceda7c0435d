import { spawn, type ChildProcess } from "node:child_process";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, as a person would read them. */
  output: string;
}

/**
 * Spawns a CLI and collects both streams. `settleOn: "close"` waits for all output; "exit" settles when
 * the process itself dies even if its pipes live on (a killed CLI's plugins may hold them open).
 */
export function spawnCollecting(
  command: string,
  args: string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    stdin?: string;
    settleOn?: "close" | "exit";
    /** Its own process group, so that a test can signal it as a terminal's Ctrl-C does (the whole group). */
    group?: boolean;
  },
): { child: ChildProcess; finished: Promise<CliResult> } {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    detached: options.group ?? false,
  });
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  let stdout = "";
  let stderr = "";
  let output = "";
  child.stdout!.on("data", (d: Buffer) => ((stdout += d), (output += d)));
  child.stderr!.on("data", (d: Buffer) => ((stderr += d), (output += d)));
  const finished = new Promise<CliResult>((done, fail) => {
    child.on("error", fail);
    child.on(options.settleOn ?? "close", (code: number | null) =>
      done({ code: code ?? -1, stdout, stderr, output }),
    );
  });
  return { child, finished };
}
