import type { Finding } from "./findings";

/** Rows as an aligned text table for people; the last column runs free. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** Findings as an aligned text table, one line each, for people. */
export function table(found: readonly Finding[]): string {
  return textTable(
    ["KIND", "KEY ID", "TYPE", "DESCRIPTION", "EXPIRES", "LAST USED", "REASON"],
    found.map((f) => [
      f.kind + (f.interrupted ? " (interrupted)" : ""),
      f.keyId,
      f.apiKeyType,
      f.description,
      f.expiresAt ?? "never",
      f.lastUsedAt ?? "never",
      f.reason,
    ]),
  );
}
