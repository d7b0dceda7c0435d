import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../driver/pulumiCli";
import { mirrorConfig } from "../cli/terraformMirror";
import { TofuWorkspace } from "../driver/tofuCli";
import { EmulatorControl, startEmulator } from "../emulator";
import { startTimes, type StartTimes } from "./pluginStart";
import { median, type Row } from "./report";

/**
 * pulumi-venice's Terraform provider against a minimal Go provider built with terraform-plugin-framework
 * (bench/baseline-terraform: one read per key, as a typical provider does) through the real `tofu`:
 * interleaved runs, each a fresh emulator and working directory, timed apply, refresh
 * (`plan -refresh-only`) and destroy, Venice's requests counted; and each provider's start to its
 * handshake line.
 */
/**
 * ours: the npm package's launcher (`pulumi-venice terraform-mirror`); standalone: the executable of
 * `npm run release`, from its mirror layout (what a registry install gets); baseline: the Go provider.
 */
type Subject = "ours" | "standalone" | "baseline";
const SUBJECT_NAMES: Record<Subject, string> = {
  ours: "npm launcher",
  standalone: "standalone executable",
  baseline: "Go baseline",
};
interface Config {
  label: string;
  keys: number;
  latencyMs?: number;
  target: number;
}

/** Where start time dominates (tofu starts the provider 2 to 5 times a command), Node's start is allowed 1.3x. */
const CONFIGS: Config[] = [
  { label: "15 keys, loopback", keys: 15, target: 1.3 },
  { label: "100 keys, 80 ms per request", keys: 100, latencyMs: 80, target: 1.0 },
  { label: "500 keys, 80 ms per request", keys: 500, latencyMs: 80, target: 1.0 },
];
const REFRESH_REQUESTS_TARGET = 3;
const START_TARGET_MS = 120;
const ADMIN_KEY = "VENICE_ADMIN_KEY_benchbenchbenchbenchbenchbenchbenchbenchbe";

/** The Go baseline, built once per machine (from the Go module proxy) into the tool cache. */
function baselineBinary(): string {
  const source = join(REPO_ROOT, "bench/baseline-terraform");
  const hash = createHash("sha256")
    .update(readFileSync(join(source, "go.mod")))
    .update(readFileSync(join(source, "main.go")))
    .digest("hex")
    .slice(0, 16);
  const cacheRoot =
    process.env.PULUMI_VENICE_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "pulumi-venice");
  const binary = join(cacheRoot, `baseline-terraform-${hash}`, "terraform-provider-venice");
  if (!existsSync(binary)) {
    console.log("  building the Go baseline provider (once per machine)...");
    execFileSync("go", ["build", "-o", binary, "."], {
      cwd: source,
      env: { ...process.env, GOFLAGS: "-mod=mod" },
      stdio: "inherit",
    });
  }
  return binary;
}

/** The release's own filesystem mirror (dist-release/mirror), configured as `terraform-mirror` prints it. */
const standaloneConfig = () => mirrorConfig(join(REPO_ROOT, "dist-release", "mirror"));

/** A filesystem mirror holding only the baseline, as `bench/venice`. */
function baselineConfig(binary: string) {
  return (root: string) => {
    const folder = join(root, "mirror", "registry.opentofu.org", "bench", "venice", "0.0.1", "linux_amd64");
    mkdirSync(folder, { recursive: true });
    const entry = join(folder, "terraform-provider-venice_v0.0.1");
    copyFileSync(binary, entry);
    chmodSync(entry, 0o755);
    return `provider_installation {\n  filesystem_mirror {\n    path    = "${join(root, "mirror")}"\n    include = ["registry.opentofu.org/bench/venice"]\n  }\n  direct {\n    exclude = ["registry.opentofu.org/bench/venice"]\n  }\n}\n`;
  };
}

const configuration = (subject: Subject, keys: number) => `terraform {
  required_providers {
    venice = { source = "${subject === "baseline" ? "bench" : "pulumi-venice"}/venice" }
  }
}
resource "venice_api_key" "bench" {
  count        = ${keys}
  description  = "bench \${count.index}"
  api_key_type = "INFERENCE"
}
`;

interface RunResult {
  applyMs: number;
  refreshMs: number;
  destroyMs: number;
  refreshRequests: number;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return Math.round(performance.now() - started);
}

async function benchRun(subject: Subject, config: Config, baseline: string): Promise<RunResult> {
  const emulator = await startEmulator({
    adminKey: ADMIN_KEY,
    limits: { creationsPerWindow: 1_000_000, creationWindowMs: 60_000 },
  });
  const control = new EmulatorControl(emulator.controlUrl, ADMIN_KEY);
  try {
    if (config.latencyMs)
      await control.injectFaults([{ count: 1_000_000, action: { type: "latency", ms: config.latencyMs } }]);
    const tofu = new TofuWorkspace({
      files: { "main.tf": configuration(subject, config.keys) },
      env: {
        VENICE_ADMIN_API_KEY: ADMIN_KEY,
        VENICE_BASE_URL: emulator.url,
        VENICE_API_KEY: "",
        VENICE_CREATION_LIMIT: "1000000",
      },
      ...(subject === "baseline" ? { cliConfig: baselineConfig(baseline) } : {}),
      ...(subject === "standalone" ? { cliConfig: standaloneConfig } : {}),
      log: false,
    });
    await tofu.init();
    const applyMs = await timed(() => tofu.apply());
    await control.clearRequests();
    const refreshMs = await timed(async () => {
      const plan = await tofu.plan("-refresh-only");
      if (plan.code !== 0) throw new Error(`refresh-only plan exited ${plan.code}:\n${plan.output}`);
    });
    const refreshRequests = (await control.requests()).length;
    const destroyMs = await timed(() => tofu.destroy());
    return { applyMs, refreshMs, destroyMs, refreshRequests };
  } finally {
    await emulator.close();
  }
}

export async function tofuBench(
  reps: number,
  keys?: number[],
): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const baseline = baselineBinary();
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  const ours = await startTimes(join(REPO_ROOT, "bin/terraform-provider-venice"), "terraform");
  const theirs = await startTimes(baseline, "terraform");
  rows.push({
    measure: "terraform-provider-venice: spawn to handshake line (npm launcher)",
    value: ours.lineMs,
    unit: "ms",
    budget: START_TARGET_MS,
    note: `median of 15; the Go baseline ${theirs.lineMs} ms; to the first answered call (GetProviderSchema) ${ours.firstCallMs} ms, the Go baseline ${theirs.firstCallMs} ms`,
  });
  rows.push(...(await standaloneRows(ours)));
  for (const config of CONFIGS.filter((c) => !keys || keys.includes(c.keys))) {
    const results: Record<Subject, RunResult[]> = { ours: [], standalone: [], baseline: [] };
    for (let rep = 0; rep < reps; rep++) {
      // Order rotated between reps, so that no subject always runs on a warmer machine.
      const subjects: Subject[] = ["ours", "standalone", "baseline"];
      const order = [...subjects.slice(rep % 3), ...subjects.slice(0, rep % 3)];
      for (const subject of order) {
        const result = await benchRun(subject, config, baseline);
        process.stdout.write(
          `  tofu ${config.label}, ${subject} #${rep + 1}: apply ${result.applyMs} ms, refresh ${result.refreshMs} ms, destroy ${result.destroyMs} ms, ${result.refreshRequests} refresh requests\n`,
        );
        results[subject].push(result);
      }
    }
    details[config.label] = results;
    for (const subject of ["ours", "standalone"] as const) {
      for (const op of ["apply", "refresh", "destroy"] as const) {
        const a = median(results[subject].map((r) => r[`${op}Ms`]));
        const b = median(results.baseline.map((r) => r[`${op}Ms`]));
        rows.push({
          measure: `tofu ${op}, ${config.label} (${SUBJECT_NAMES[subject]})`,
          value: Math.round((a / b) * 100) / 100,
          unit: "× Go",
          budget: config.target,
          note: `${a} ms vs the Go baseline ${b} ms (median of ${reps})`,
        });
      }
    }
    rows.push({
      measure: `Venice requests for tofu's refresh, ${config.label}`,
      value: Math.max(...[...results.ours, ...results.standalone].map((r) => r.refreshRequests)),
      unit: "req",
      budget: config.keys >= 100 ? REFRESH_REQUESTS_TARGET : config.keys,
      note: `the most of ${reps} runs of each; the Go baseline ${median(results.baseline.map((r) => r.refreshRequests))}`,
    });
  }
  return { rows, details };
}

const STANDALONE_TARGET_MS = 80;
const MIB = 1024 * 1024;

/**
 * The standalone executables (`npm run release`, run first): start to the handshake line
 * beside the npm launchers, and the sizes of the executables and their archives.
 */
async function standaloneRows(terraformLauncher: StartTimes): Promise<Row[]> {
  const release = join(REPO_ROOT, "dist-release");
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  const terraform = join(release, `terraform-provider-venice_v${version}`);
  const pulumi = join(release, "pulumi-resource-venice");
  // Built afresh: executables left from an older checkout would be measured as this one's.
  execFileSync(process.execPath, [join(REPO_ROOT, "toolchain/release.js")], { stdio: "inherit" });
  // The release wrote about 1 GiB: let the disk settle before anything is timed.
  execFileSync("sync");
  const engine = createServer(() => undefined);
  await new Promise<void>((r) => engine.listen(0, "127.0.0.1", r));
  const address = `127.0.0.1:${(engine.address() as AddressInfo).port}`;
  try {
    const tfStandalone = await startTimes(terraform, "terraform");
    const pulumiLauncher = await startTimes(join(REPO_ROOT, "bin/pulumi-resource-venice"), "pulumi", [
      address,
    ]);
    const pulumiStandalone = await startTimes(pulumi, "pulumi", [address]);
    const size = (file: string) => Math.round((statSync(file).size / MIB) * 10) / 10;
    // The standalone must be ready no later than the launcher: its first answered call is the measure
    // of that (a start-up snapshot costs a few ms before the line and saves tens after it).
    const started = (
      name: string,
      line: string,
      call: string,
      standalone: StartTimes,
      launcher: StartTimes,
    ): Row[] => [
      {
        measure: `${name}: spawn to ${line} (standalone executable)`,
        value: standalone.lineMs,
        unit: "ms",
        budget: STANDALONE_TARGET_MS,
        note: `median of 15; the npm launcher ${launcher.lineMs} ms`,
      },
      {
        measure: `${name}: spawn to its first answered call, ${call} (standalone executable)`,
        value: standalone.firstCallMs,
        unit: "ms",
        budget: launcher.firstCallMs,
        note: `median of 15; the target is the npm launcher's, ${launcher.firstCallMs} ms`,
      },
    ];
    return [
      ...started(
        "terraform-provider-venice",
        "handshake line",
        "GetProviderSchema",
        tfStandalone,
        terraformLauncher,
      ),
      ...started(
        "pulumi-resource-venice",
        "its port line",
        "GetPluginInfo",
        pulumiStandalone,
        pulumiLauncher,
      ),
      {
        measure: "sizes: executables / Pulumi tarball / Terraform zip",
        value: size(terraform),
        unit: "MiB",
        budget: 160,
        note: `terraform-provider-venice ${size(terraform)} MiB, pulumi-resource-venice ${size(pulumi)} MiB; tarball ${size(join(release, `pulumi-resource-venice-v${version}-linux-amd64.tar.gz`))} MiB, zip ${size(join(release, `terraform-provider-venice_${version}_linux_amd64.zip`))} MiB`,
      },
    ];
  } finally {
    engine.close();
  }
}
