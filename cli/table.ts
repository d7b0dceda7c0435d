import type { Finding } from "./findings";

/** Findings as an aligned text table, one line each, for people. */
export function table(found: readonly Finding[]): string {
  const rows = found.map((f) => [
    f.kind + (f.interrupted ? " (interrupted)" : ""),
    f.keyId,
    f.apiKeyType,
    f.description,
    f.expiresAt ?? "never",
    f.lastUsedAt ?? "never",
    f.reason,
  ]);
  const header = ["KIND", "KEY ID", "TYPE", "DESCRIPTION", "EXPIRES", "LAST USED", "REASON"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
