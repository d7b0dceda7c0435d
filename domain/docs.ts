import { DURATION_GRAMMAR } from "./duration";
import { FIELDS, type Field } from "./fieldNames";
import { fieldRecord } from "./fields";

/**
 * The argument table every front documents (the README's Pulumi table, the Terraform registry page),
 * built from the field records: only the names differ between fronts (camelCase, snake_case).
 */
export function argumentTable(nameOf: (field: Field) => string = (f) => f): string {
  const rows = FIELDS.map((field) => {
    const { onChange, doc, kind, required, secret } = fieldRecord(field);
    const notes = [
      required ? "Required." : "",
      doc,
      kind === "duration" ? `A duration: ${DURATION_GRAMMAR}.` : "",
      secret ? "Secret." : "",
    ].filter(Boolean);
    const cell = notes.join(" ").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return `| \`${nameOf(field)}\` | ${onChange ?? ""} | ${cell} |`;
  });
  return ["| argument | on change | what it is |", "|---|---|---|", ...rows].join("\n");
}

/** Where a generated block sits in a Markdown file, between these two lines. */
export const generatedBlock = (name: string) => ({
  start: `<!-- generated: ${name} (from domain/fields.ts; \`npm run docs\` rewrites it) -->`,
  end: `<!-- end of generated: ${name} -->`,
});
