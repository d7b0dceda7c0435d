import type { CheckFailure } from "../../core";
import { inTerraformTerms } from "./attributes";
import { snake } from "./schema";

/** tfplugin6's Diagnostic, as the protocol spells it. */
export interface Diagnostic {
  severity: 1 | 2; // ERROR, WARNING
  summary: string;
  detail?: string;
  attribute?: { steps: Array<{ attribute_name: string }> };
}

export const attributePath = (...names: string[]) => ({
  steps: names.map((attribute_name) => ({ attribute_name })),
});

/** Check's failures, all at once, each on its attribute, in Terraform's names. */
export function failureDiagnostics(failures: readonly CheckFailure[]): Diagnostic[] {
  return failures.map((f) => ({
    severity: 1,
    summary: "Invalid venice_api_key argument",
    detail: inTerraformTerms(f.reason),
    ...(f.property ? { attribute: attributePath(...f.property.split(".").map(snake)) } : {}),
  }));
}

/** A failed operation. The core's errors are redacted already; anything else was made so by the core. */
export function errorDiagnostic(err: unknown): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  return { severity: 1, summary: "Venice: the operation failed", detail: inTerraformTerms(message) };
}

export const warning = (summary: string, detail: string): Diagnostic => ({ severity: 2, summary, detail });
