import { z } from "zod";
import type { StackView } from "./findings";

/**
 * Terraform/OpenTofu state as the audit reads it: a `terraform.tfstate` file (state format 4) or the
 * document `tofu show -json` / `terraform show -json` prints, child modules included. Only the ids of
 * `venice_api_key` resources matter; everything else (and every secret in the file) is ignored.
 */
export const TERRAFORM_RESOURCE = "venice_api_key";

const stateFile = z.object({
  version: z.number(),
  resources: z
    .array(
      z
        .object({
          mode: z.string().optional(),
          type: z.string(),
          instances: z.array(
            z.object({ attributes: z.object({ id: z.unknown().optional() }).loose().optional() }).loose(),
          ),
        })
        .loose(),
    )
    .default([]),
});

interface ShownModule {
  resources?: Array<{ mode?: string; type?: string; values?: { id?: unknown } }>;
  child_modules?: ShownModule[];
}
const shownModule: z.ZodType<ShownModule> = z.lazy(() =>
  z
    .object({
      resources: z
        .array(
          z
            .object({
              mode: z.string().optional(),
              type: z.string().optional(),
              values: z.object({ id: z.unknown().optional() }).loose().optional(),
            })
            .loose(),
        )
        .optional(),
      child_modules: z.array(shownModule).optional(),
    })
    .loose(),
);
const shown = z.object({
  format_version: z.string(),
  values: z.object({ root_module: shownModule }).loose().optional(),
});

/** Whether a parsed JSON document is Terraform state in either form. */
export const isTerraformState = (json: unknown): boolean =>
  stateFile.safeParse(json).success || shown.safeParse(json).success;

export function terraformView(name: string, json: unknown): StackView {
  const ids = new Set<string>();
  const file = stateFile.safeParse(json);
  if (file.success) {
    for (const r of file.data.resources) {
      if (r.type !== TERRAFORM_RESOURCE || (r.mode ?? "managed") !== "managed") continue;
      for (const i of r.instances) if (typeof i.attributes?.id === "string") ids.add(i.attributes.id);
    }
    return { name, keyIds: ids, pendingCreates: [] };
  }
  const walk = (module: ShownModule | undefined) => {
    for (const r of module?.resources ?? []) {
      if (
        r.type === TERRAFORM_RESOURCE &&
        (r.mode ?? "managed") === "managed" &&
        typeof r.values?.id === "string"
      ) {
        ids.add(r.values.id);
      }
    }
    for (const child of module?.child_modules ?? []) walk(child);
  };
  walk(shown.parse(json).values?.root_module);
  return { name, keyIds: ids, pendingCreates: [] };
}
