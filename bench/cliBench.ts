import { benchRun, parallelStacksMs, subjectProject, type RunResult, type Subject } from "./cliRuns";
import { median, type Row } from "./report";

/**
 * pulumi-venice against the minimal baseline through the real CLI: interleaved runs (ours, baseline,
 * ours, ...) so that machine noise hits both alike, each figure the median of `reps`.
 */
export interface Config {
  label: string;
  keys: number;
  latencyMs?: number;
  /** Targets for the time ratios, where they differ from TIME_RATIO_TARGET. */
  targets?: Partial<Record<"up" | "refresh" | "destroy", number>>;
}

/**
 * Refresh reads from shared listings (one request for the whole stack where the baseline makes one per
 * key), so across a network, at 100 keys and more, it must clearly win.
 */
const LISTING_WINS = { refresh: 0.8 };

export const CONFIGS: Config[] = [
  { label: "15 keys, loopback", keys: 15 },
  { label: "100 keys, loopback", keys: 100 },
  { label: "500 keys, loopback", keys: 500 },
  { label: "15 keys, 80 ms per request", keys: 15, latencyMs: 80 },
  { label: "100 keys, 80 ms per request", keys: 100, latencyMs: 80, targets: LISTING_WINS },
  { label: "500 keys, 80 ms per request", keys: 500, latencyMs: 80, targets: LISTING_WINS },
];

const TIME_RATIO_TARGET = 1.1;
/** Venice's cap on active keys: a whole account's refresh must cost a few requests, not one per key. */
const REFRESH_REQUESTS_TARGET = 3;

export async function cliBench(reps: number): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  const projects = { ours: subjectProject("ours"), baseline: subjectProject("baseline") };
  let first: RunResult | undefined;

  for (const config of CONFIGS) {
    const results: Record<Subject, RunResult[]> = { ours: [], baseline: [] };
    for (let rep = 0; rep < reps; rep++) {
      for (const subject of ["ours", "baseline"] as const) {
        const result = await benchRun(subject, projects[subject], {
          keys: config.keys,
          latencyMs: config.latencyMs,
          countEveryOperation: config === CONFIGS[0] && rep === 0,
          samplePeakRss: config.keys >= 100 && !config.latencyMs,
        });
        process.stdout.write(
          `  ${config.label}, ${subject} #${rep + 1}: up ${result.upMs} ms, refresh ${result.refreshMs} ms, destroy ${result.destroyMs} ms\n`,
        );
        results[subject].push(result);
        if (subject === "ours" && !first) first = result;
      }
    }
    details[config.label] = results;
    for (const op of ["up", "refresh", "destroy"] as const) {
      const ours = median(results.ours.map((r) => r[`${op}Ms`]));
      const baseline = median(results.baseline.map((r) => r[`${op}Ms`]));
      rows.push({
        measure: `${op}, ${config.label}`,
        value: Math.round((ours / baseline) * 100) / 100,
        unit: "× base",
        budget: config.targets?.[op] ?? TIME_RATIO_TARGET,
        note: `${ours} ms vs baseline ${baseline} ms (median of ${reps})`,
      });
    }
    rows.push({
      measure: `Venice requests for the refresh, ${config.label}`,
      value: Math.max(...results.ours.map((r) => r.refreshRequests)),
      unit: "req",
      budget: REFRESH_REQUESTS_TARGET,
      note: `the most of ${reps} runs; baseline ${median(results.baseline.map((r) => r.refreshRequests))}`,
    });
    if (config.keys >= 100 && !config.latencyMs) {
      rows.push({
        measure: `peak RSS of the provider host, ${config.keys} keys`,
        value: median(results.ours.map((r) => r.peakRssMb ?? 0)),
        unit: "MiB",
        budget: config.keys > 100 ? 384 : 256,
        note: `baseline ${median(results.baseline.map((r) => r.peakRssMb ?? 0))} MiB`,
      });
    }
    if (config === CONFIGS[0]) {
      const ours = results.ours;
      const base = results.baseline;
      rows.push(
        {
          measure: "state per key (checkpoint as the backend stores it)",
          value: median(ours.map((r) => r.stateBytesPerKey)),
          unit: "bytes",
          budget: 3584,
          note:
            `baseline ${median(base.map((r) => r.stateBytesPerKey))} bytes; as \`pulumi stack export\` prints it ` +
            `(indented): ${median(ours.map((r) => r.exportBytesPerKey))} vs ${median(base.map((r) => r.exportBytesPerKey))}`,
        },
        {
          measure: "__provider",
          value: ours[0]!.providerBytes,
          unit: "bytes",
          budget: 1024,
          note: `baseline ${base[0]!.providerBytes} bytes`,
        },
      );
    }
  }

  const counts = first!.requests;
  rows.push(
    { measure: "Venice requests per create", value: counts.create, unit: "req", budget: 1 },
    {
      measure: "Venice requests per read (refresh, 15 keys)",
      value: counts.read,
      unit: "req",
      budget: 1 / 5,
    },
    { measure: "Venice requests per update", value: counts.update ?? 0, unit: "req", budget: 1 },
    { measure: "Venice requests per delete", value: counts.delete, unit: "req", budget: 1 },
    {
      measure: "Venice requests per check + diff (preview)",
      value: counts.checkDiff ?? 0,
      unit: "req",
      budget: 0,
    },
  );

  // Three stacks at once under the real cap, against the ideal: one creation window (the last create may
  // start a window after the first) plus what one stack's up of 12 keys costs with the cap lifted.
  const single = await benchRun("ours", projects.ours, { keys: 12 });
  const parallel = await parallelStacksMs([
    subjectProject("ours"),
    subjectProject("ours"),
    subjectProject("ours"),
  ]);
  const ideal = 60_000 + single.upMs;
  rows.push({
    measure: "3 stacks × 12 keys at once, real cap (20/min)",
    value: Math.round((parallel.ms / ideal) * 100) / 100,
    unit: "× ideal",
    budget: 1.25,
    note: `${parallel.ms} ms vs ideal ${ideal} ms (60 s window + one 12-key up ${single.upMs} ms); ${parallel.refused} × 429`,
  });
  details.parallel = { ...parallel, ideal, singleUpMs: single.upMs };
  return { rows, details };
}
