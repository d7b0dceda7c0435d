import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** One figure next to its target. `budget` is the largest acceptable value. */
export interface Row {
  measure: string;
  value: number;
  unit: string;
  budget: number;
  /** What the figure is compared with, when it is a ratio (e.g. "baseline 812 ms"). */
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export const met = (r: Row) => r.value <= r.budget;

export function printRows(title: string, rows: readonly Row[]): void {
  const width = Math.max(...rows.map((r) => r.measure.length), 7);
  console.log(
    `\n${title}\n${"measure".padEnd(width)}  ${"value".padStart(9)}  ${"unit".padEnd(7)}  ${"target".padStart(7)}  met  note`,
  );
  for (const r of rows) {
    console.log(
      `${r.measure.padEnd(width)}  ${String(r.value).padStart(9)}  ${r.unit.padEnd(7)}  ${`≤ ${r.budget}`.padStart(7)}  ${met(r) ? "yes" : "NO "}  ${r.note ?? ""}`,
    );
  }
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  pulumi: string;
  tofu?: string;
  date: string;
}

/** bench/results.json (everything) and bench/results.md (the tables the README quotes). */
export function writeResults(
  dir: string,
  machine: Machine,
  sections: Record<string, Row[]>,
  details: unknown,
): void {
  writeFileSync(join(dir, "results.json"), `${JSON.stringify({ machine, sections, details }, null, 2)}\n`);
  const lines = [
    "# `npm run bench` results",
    "",
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB; Node ${machine.node}; Pulumi ${machine.pulumi}${machine.tofu ? `; ${machine.tofu}` : ""}; ${machine.date}.`,
    "",
  ];
  for (const [title, rows] of Object.entries(sections)) {
    lines.push(`## ${title}`, "", "| measure | value | target | met | note |", "|---|---|---|---|---|");
    for (const r of rows) {
      lines.push(
        `| ${r.measure} | ${r.value} ${r.unit} | ≤ ${r.budget} | ${met(r) ? "yes" : "**no**"} | ${r.note ?? ""} |`,
      );
    }
    lines.push("");
  }
  writeFileSync(join(dir, "results.md"), lines.join("\n"));
}
