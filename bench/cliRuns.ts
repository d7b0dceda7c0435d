import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { projectCopy } from "../driver/consumer";
import { PulumiStack, REPO_ROOT } from "../driver/pulumiCli";
import { EmulatorControl, startEmulator } from "../emulator";

/**
 * One benchmark run through the real Pulumi CLI: a fresh emulator and a fresh stack (file backend) for
 * bench/ours (pulumi-venice, as packed and installed by a user) or bench/baseline (a minimal hand-written
 * dynamic provider), N keys, timed `up`, `refresh` and `destroy`, and what Venice saw.
 */
export type Subject = "ours" | "baseline";

export interface RunOptions {
  keys: number;
  /** Added by the emulator before every request (Venice is across the internet). */
  latencyMs?: number;
  /** Also count requests for an in-place update and a no-change preview (check + diff). */
  countEveryOperation?: boolean;
  /** Sample the dynamic-provider host's peak resident memory during `up`. */
  samplePeakRss?: boolean;
}

/** The stack's checkpoint as the file backend stores it (what every step of an update rewrites). */
function checkpointBytes(stack: PulumiStack): number {
  const stacks = join(stack.workDir, "state", ".pulumi", "stacks");
  for (const project of readdirSync(stacks)) {
    try {
      return statSync(join(stacks, project, `${stack.options.stack}.json`)).size;
    } catch {
      // not this project
    }
  }
  throw new Error(`no checkpoint for ${stack.options.stack}`);
}

export interface RunResult {
  upMs: number;
  refreshMs: number;
  destroyMs: number;
  /** Every Venice request the refresh made, for the whole stack. */
  refreshRequests: number;
  /** Venice requests per key: create, read (refresh), update, delete, check+diff (preview). */
  requests: { create: number; read: number; update?: number; delete: number; checkDiff?: number };
  /** Checkpoint bytes per key, as stored (compact JSON). */
  stateBytesPerKey: number;
  /** `pulumi stack export` bytes per key (indented JSON). */
  exportBytesPerKey: number;
  providerBytes: number;
  peakRssMb?: number;
}

const ADMIN_KEY = "VENICE_ADMIN_KEY_benchbenchbenchbenchbenchbenchbenchbenchbe";
let runs = 0;

/** The resident-memory peak (VmHWM) of every live dynamic-provider host, sampled until stopped. */
function rssSampler(): { stop(): number } {
  let peakKb = 0;
  const sample = () => {
    for (const pid of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("dynamic-provider")) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // exited meanwhile
      }
    }
  };
  const timer = setInterval(sample, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(peakKb / 1024);
    },
  };
}

export function subjectProject(subject: Subject): string {
  return projectCopy(join(REPO_ROOT, "bench", subject), `bench-${subject}`);
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return Math.round(performance.now() - started);
}

export async function benchRun(
  subject: Subject,
  projectDir: string,
  options: RunOptions,
): Promise<RunResult> {
  const emulator = await startEmulator({
    adminKey: ADMIN_KEY,
    limits: { creationsPerWindow: 1_000_000, creationWindowMs: 60_000 }, // only overhead is compared
  });
  const control = new EmulatorControl(emulator.controlUrl, ADMIN_KEY);
  try {
    if (options.latencyMs) {
      await control.injectFaults([{ count: 1_000_000, action: { type: "latency", ms: options.latencyMs } }]);
    }
    const stack = await PulumiStack.create({
      projectDir,
      stack: `bench${++runs}`,
      env: {
        VENICE_ADMIN_API_KEY: ADMIN_KEY,
        VENICE_BASE_URL: emulator.url,
        VENICE_API_KEY: "",
        VENICE_CREATION_LIMIT: "1000000", // our pacer lifted too: only overhead is compared
      },
    });
    const n = options.keys;
    await stack.setConfig("count", String(n));
    const count = async (method: string) =>
      (await control.requests()).filter((r) => r.method === method).length;
    const perKey = (value: number) => Math.round((value / n) * 100) / 100;

    await control.clearRequests();
    const rss = options.samplePeakRss ? rssSampler() : undefined;
    const upMs = await timed(() => stack.up());
    const peakRssMb = rss?.stop();
    const create = perKey((await control.requests()).length);
    const state = await stack.exportState();
    const checkpoint = JSON.parse(state) as {
      deployment: { resources?: Array<{ inputs?: { __provider?: string } }> };
    };
    const providerBytes = Buffer.byteLength(
      checkpoint.deployment.resources?.find((r) => r.inputs?.__provider)?.inputs?.__provider ?? "",
    );

    await control.clearRequests();
    const refreshMs = await timed(() => stack.refresh());
    const refreshRequests = (await control.requests()).length;
    const read = perKey(refreshRequests);

    const result: RunResult = {
      upMs,
      refreshMs,
      destroyMs: 0,
      refreshRequests,
      requests: { create, read, delete: 0 },
      stateBytesPerKey: 0,
      exportBytesPerKey: 0,
      providerBytes,
      ...(peakRssMb !== undefined ? { peakRssMb } : {}),
    };
    if (options.countEveryOperation) {
      await control.clearRequests();
      const preview = await stack.preview("--expect-no-changes");
      if (preview.code !== 0)
        throw new Error(`${subject}: a no-change preview found changes:\n${preview.output}`);
      result.requests.checkDiff = perKey((await control.requests()).length);
      await stack.setConfig("prefix", "renamed");
      await control.clearRequests();
      await stack.up();
      result.requests.update = perKey((await control.requests()).length);
    }

    await control.clearRequests();
    const withKeys = {
      stored: checkpointBytes(stack),
      exported: Buffer.byteLength(await stack.exportState()),
    };
    result.destroyMs = await timed(() => stack.destroy());
    result.requests.delete = perKey(await count("DELETE"));
    result.stateBytesPerKey = Math.round((withKeys.stored - checkpointBytes(stack)) / n);
    result.exportBytesPerKey = Math.round(
      (withKeys.exported - Buffer.byteLength(await stack.exportState())) / n,
    );
    if ((await control.activeKeys()).length !== 0) throw new Error(`${subject}: destroy left keys behind`);
    return result;
  } finally {
    await emulator.close();
  }
}

/**
 * Three stacks × 12 keys `up` at the same moment on one account under Venice's real cap (20 creations a
 * minute, in the emulator and in the provider): the wall time until all three are done.
 */
export async function parallelStacksMs(
  projects: string[],
  windowMs = 60_000,
): Promise<{ ms: number; refused: number }> {
  const emulator = await startEmulator({
    adminKey: ADMIN_KEY,
    limits: { creationsPerWindow: 20, creationWindowMs: windowMs },
  });
  const control = new EmulatorControl(emulator.controlUrl, ADMIN_KEY);
  try {
    const env = { VENICE_ADMIN_API_KEY: ADMIN_KEY, VENICE_BASE_URL: emulator.url, VENICE_API_KEY: "" };
    const stacks = await Promise.all(
      projects.map((projectDir) => PulumiStack.create({ projectDir, stack: `parallel${++runs}`, env })),
    );
    for (const s of stacks) await s.setConfig("count", "12");
    const ms = await timed(() => Promise.all(stacks.map((s) => s.up())));
    if ((await control.activeKeys()).length !== 36) throw new Error("parallel stacks: not exactly 36 keys");
    const refused = (await control.requests()).filter((r) => r.status === 429).length;
    await control.configure({ limits: { creationsPerWindow: 1_000_000 } });
    await Promise.all(stacks.map((s) => s.destroy()));
    return { ms, refused };
  } finally {
    await emulator.close();
  }
}
