import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../driver/pulumiCli";
import { TofuWorkspace } from "../driver/tofuCli";
import { EmulatorControl, startEmulator } from "../emulator";
import { pluginCertificate } from "../provider/fronts/terraform/certificate";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../provider/fronts/terraform/goPlugin";
import { median, type Row } from "./report";

/**
 * pulumi-venice's Terraform provider against a minimal Go provider built with terraform-plugin-framework
 * (bench/baseline-terraform: one read per key, as a typical provider does) through the real `tofu`:
 * interleaved runs, each a fresh emulator and working directory, timed apply, refresh
 * (`plan -refresh-only`) and destroy, Venice's requests counted; and each provider's start to its
 * handshake line.
 */
type Subject = "ours" | "baseline";
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
    venice = { source = "${subject === "ours" ? "pulumi-venice" : "bench"}/venice" }
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

/** Spawn to the handshake line (the Pulumi plugin: its port line, given an engine address), median of `runs`. */
async function startMs(command: string, runs = 15, args: string[] = []): Promise<number> {
  const cert = pluginCertificate();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const child = spawn(command, args, {
      env: {
        ...process.env,
        [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
        PLUGIN_PROTOCOL_VERSIONS: "6",
        PLUGIN_CLIENT_CERT: cert.certPem,
      },
      stdio: ["ignore", "pipe", "ignore"],
    });
    await new Promise((r) => child.stdout!.once("data", r));
    times.push(performance.now() - t0);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
  }
  return Math.round(median(times) * 10) / 10;
}

export async function tofuBench(reps: number): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const baseline = baselineBinary();
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  const ours = await startMs(join(REPO_ROOT, "bin/terraform-provider-venice"));
  const theirs = await startMs(baseline);
  rows.push({
    measure: "terraform-provider-venice: spawn to handshake line (npm launcher)",
    value: ours,
    unit: "ms",
    budget: START_TARGET_MS,
    note: `median of 15; the Go baseline ${theirs} ms`,
  });
  rows.push(...(await standaloneRows(ours)));
  for (const config of CONFIGS) {
    const results: Record<Subject, RunResult[]> = { ours: [], baseline: [] };
    for (let rep = 0; rep < reps; rep++) {
      // Order alternated between reps, so that neither subject always runs on a warmer machine.
      const order: Subject[] = rep % 2 === 0 ? ["ours", "baseline"] : ["baseline", "ours"];
      for (const subject of order) {
        const result = await benchRun(subject, config, baseline);
        process.stdout.write(
          `  tofu ${config.label}, ${subject} #${rep + 1}: apply ${result.applyMs} ms, refresh ${result.refreshMs} ms, destroy ${result.destroyMs} ms, ${result.refreshRequests} refresh requests\n`,
        );
        results[subject].push(result);
      }
    }
    details[config.label] = results;
    for (const op of ["apply", "refresh", "destroy"] as const) {
      const a = median(results.ours.map((r) => r[`${op}Ms`]));
      const b = median(results.baseline.map((r) => r[`${op}Ms`]));
      rows.push({
        measure: `tofu ${op}, ${config.label}`,
        value: Math.round((a / b) * 100) / 100,
        unit: "× Go",
        budget: config.target,
        note: `${a} ms vs the Go baseline ${b} ms (median of ${reps})`,
      });
    }
    rows.push({
      measure: `Venice requests for tofu's refresh, ${config.label}`,
      value: Math.max(...results.ours.map((r) => r.refreshRequests)),
      unit: "req",
      budget: config.keys >= 100 ? REFRESH_REQUESTS_TARGET : config.keys,
      note: `the most of ${reps} runs; the Go baseline ${median(results.baseline.map((r) => r.refreshRequests))}`,
    });
  }
  return { rows, details };
}

const STANDALONE_TARGET_MS = 80;
const MIB = 1024 * 1024;

/**
 * The standalone executables (`npm run release`, run first when missing): start to the handshake line
 * beside the npm launchers, and the sizes of the executables and their archives.
 */
async function standaloneRows(terraformLauncherMs: number): Promise<Row[]> {
  const release = join(REPO_ROOT, "dist-release");
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  const terraform = join(release, `terraform-provider-venice_v${version}`);
  const pulumi = join(release, "pulumi-resource-venice");
  if (!existsSync(terraform) || !existsSync(pulumi))
    execFileSync(process.execPath, [join(REPO_ROOT, "toolchain/release.js")], { stdio: "inherit" });
  const engine = createServer(() => undefined);
  await new Promise<void>((r) => engine.listen(0, "127.0.0.1", r));
  const address = `127.0.0.1:${(engine.address() as AddressInfo).port}`;
  try {
    const tfStandalone = await startMs(terraform);
    const pulumiLauncher = await startMs(join(REPO_ROOT, "bin/pulumi-resource-venice"), 15, [address]);
    const pulumiStandalone = await startMs(pulumi, 15, [address]);
    const size = (file: string) => Math.round((statSync(file).size / MIB) * 10) / 10;
    return [
      {
        measure: "terraform-provider-venice: spawn to handshake line (standalone executable)",
        value: tfStandalone,
        unit: "ms",
        budget: Math.min(STANDALONE_TARGET_MS, terraformLauncherMs),
        note: `median of 15; the npm launcher ${terraformLauncherMs} ms`,
      },
      {
        measure: "pulumi-resource-venice: spawn to its port line (standalone executable)",
        value: pulumiStandalone,
        unit: "ms",
        budget: Math.min(STANDALONE_TARGET_MS, pulumiLauncher),
        note: `median of 15; the npm launcher ${pulumiLauncher} ms`,
      },
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
