import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, TOOLS_BIN } from "../driver/pulumiCli";
import { cliBench } from "./cliBench";
import { hostStart } from "./hostStart";
import { inProcess } from "./inProcess";
import { met, printRows, writeResults, type Row } from "./report";
import { tofuBench } from "./tofuBench";

/**
 * `npm run bench`: every figure next to its target, separate from `npm test` (targets are checked here,
 * never as timed assertions in tests). The CLI part writes bench/results.json and bench/results.md.
 * `npm run bench -- --quick` runs the in-process part alone. Exits non-zero when a target is missed.
 * `npm run bench -- --tofu-keys=15,100` runs the OpenTofu part at those sizes alone and writes nothing
 * (for working on the Terraform front's speed); `--starts` measures the plugins' starts again and puts
 * those rows in place in the committed results.
 */
/** The last committed results, where a partial run keeps what it did not measure. */
function previousResults(): { sections: Record<string, Row[]>; details: Record<string, unknown> } {
  try {
    const text = readFileSync(join(REPO_ROOT, "bench", "results.json"), "utf8");
    const { sections, details } = JSON.parse(text) as {
      sections?: Record<string, Row[]>;
      details?: Record<string, unknown>;
    };
    return { sections: sections ?? {}, details: details ?? {} };
  } catch {
    return { sections: {}, details: {} };
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes("--starts")) {
    // The plugins' start rows alone, measured again and put in place of the committed ones.
    const { rows } = await tofuBench(1, []);
    printRows("Plugin starts", rows);
    const committed = JSON.parse(readFileSync(join(REPO_ROOT, "bench", "results.json"), "utf8")) as {
      machine: Parameters<typeof writeResults>[1];
      sections: Record<string, Row[]>;
      details: unknown;
    };
    for (const section of Object.values(committed.sections))
      for (const [i, row] of section.entries()) {
        const fresh = rows.find((r) => r.measure === row.measure);
        if (fresh) section[i] = { ...fresh, note: `${fresh.note ?? ""} (re-measured with --starts)` };
      }
    writeResults(join(REPO_ROOT, "bench"), committed.machine, committed.sections, committed.details);
    return;
  }
  const sections: Record<string, Row[]> = {};
  sections["In process (no CLI)"] = [...(await inProcess()), ...hostStart()];
  printRows("In process (no CLI)", sections["In process (no CLI)"]);
  const tofuKeys = argv.find((a) => a.startsWith("--tofu-keys="));
  if (tofuKeys) {
    const keys = tofuKeys.slice("--tofu-keys=".length).split(",").map(Number);
    const reps = Number(argv.find((a) => a.startsWith("--reps="))?.slice(7) ?? 3);
    printRows("OpenTofu (not written)", (await tofuBench(reps, keys)).rows);
    return;
  }
  if (!argv.includes("--quick")) {
    const reps = Number(argv.find((a) => a.startsWith("--reps="))?.slice(7) ?? 3);
    console.log(
      `\nThrough the real Pulumi CLI, against the minimal baseline (median of ${reps}, interleaved):`,
    );
    // --tofu-only: the OpenTofu part alone; the Pulumi part's last results are kept from results.json.
    const tofuOnly = argv.includes("--tofu-only");
    // --tofu-only: the Pulumi part's runs are carried over with its rows (below), the tofu ones replaced.
    const { tofu: _replaced, ...carriedDetails } = tofuOnly ? previousResults().details : {};
    const { rows, details } = tofuOnly ? { rows: [], details: carriedDetails } : await cliBench(reps);
    const pulumiTitle = "Through the Pulumi CLI, against a minimal hand-written provider";
    if (!tofuOnly) {
      sections[pulumiTitle] = rows;
      printRows(pulumiTitle, rows);
    } else {
      // Carried over as it is, also when it was carried over the time before.
      const previous = previousResults().sections;
      const carried = `${pulumiTitle} (from the previous full run)`;
      const rows =
        previous[pulumiTitle] ??
        previous[carried] ??
        Object.entries(previous).find(([t]) => t.startsWith(pulumiTitle))?.[1];
      if (rows) sections[carried] = rows;
    }
    console.log(
      `\nThrough the real OpenTofu CLI, against a minimal Go provider (median of ${reps}, interleaved):`,
    );
    const tofu = await tofuBench(reps);
    const tofuTitle = "Through the OpenTofu CLI, against a minimal Go provider (terraform-plugin-framework)";
    sections[tofuTitle] = tofu.rows;
    printRows(tofuTitle, tofu.rows);
    Object.assign(details, { tofu: tofu.details });
    const pulumiVersion = execFileSync(join(TOOLS_BIN, "pulumi"), ["version"], { encoding: "utf8" }).trim();
    writeResults(
      join(REPO_ROOT, "bench"),
      {
        cores: cpus().length,
        cpu: cpus()[0]?.model ?? "unknown",
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        pulumi: pulumiVersion,
        tofu: execFileSync(join(TOOLS_BIN, "tofu"), ["version"], {
          encoding: "utf8",
          env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
        })
          .split("\n")[0]!
          .trim(),
        date: new Date().toISOString().slice(0, 10),
      },
      sections,
      details,
    );
    console.log("\nwrote bench/results.json and bench/results.md");
  }
  const missed = Object.values(sections)
    .flat()
    .filter((r) => !met(r));
  if (missed.length > 0) {
    console.error(`\n${missed.length} target(s) missed: ${missed.map((r) => r.measure).join("; ")}`);
    process.exitCode = 1;
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
