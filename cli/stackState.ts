import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { z } from "zod";
import { API_KEY_TOKENS, DEFAULTS } from "../domain";
import type { StackView } from "./findings";
import { isTerraformState, terraformView } from "./terraformState";

const isApiKey = (type: string) => API_KEY_TOKENS.includes(type);

/** The parts of a `pulumi stack export` document the audit reads; everything else is ignored. */
const resource = z
  .object({
    type: z.string(),
    id: z.string().optional(),
    inputs: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
const exported = z.object({
  deployment: z
    .object({
      resources: z.array(resource).nullish(),
      pending_operations: z.array(z.object({ resource, type: z.string() }).loose()).nullish(),
    })
    .loose(),
});

export class StateError extends Error {
  override name = "StateError";
}

export function viewOf(name: string, json: unknown): StackView {
  const parsed = exported.safeParse(json);
  if (!parsed.success) {
    if (isTerraformState(json)) return terraformView(name, json);
    throw new StateError(
      `${name} is not a \`pulumi stack export\` document nor Terraform state (a terraform.tfstate file or \`tofu show -json\` output): ${parsed.error.issues[0]?.message}`,
    );
  }
  const { resources, pending_operations: pending } = parsed.data.deployment;
  const keyIds = new Set(
    (resources ?? []).filter((r) => isApiKey(r.type) && r.id).map((r) => r.id as string),
  );
  const pendingCreates = (pending ?? [])
    .filter((op) => op.type === "creating" && isApiKey(op.resource.type))
    .map((op) => ({
      apiKeyType:
        typeof op.resource.inputs?.apiKeyType === "string"
          ? op.resource.inputs.apiKeyType
          : DEFAULTS.apiKeyType,
      description: String(op.resource.inputs?.description ?? ""),
    }));
  return { name, keyIds, pendingCreates };
}

export async function fromFile(path: string): Promise<StackView> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new StateError(`cannot read state file ${path}`);
  }
  try {
    return viewOf(path, JSON.parse(text));
  } catch (err) {
    if (err instanceof StateError) throw err;
    throw new StateError(`${path} is not JSON; write it with \`pulumi stack export --file ${path}\``);
  }
}

const run = promisify(execFile);

/** `pulumi stack export --stack NAME` in the current project: every backend the user is logged into works. */
export async function fromStack(stack: string): Promise<StackView> {
  try {
    const { stdout } = await run("pulumi", ["stack", "export", "--stack", stack, "--non-interactive"], {
      maxBuffer: 256 * 1024 * 1024,
    });
    return viewOf(`stack ${stack}`, JSON.parse(stdout));
  } catch (err) {
    if (err instanceof StateError) throw err;
    const detail = (err as { stderr?: string }).stderr?.trim().split("\n").pop() ?? String(err);
    throw new StateError(`\`pulumi stack export --stack ${stack}\` failed: ${detail}`);
  }
}

/** The stack's own `venice:*` setting, when the environment lacks it (as the provider would see it). */
export async function stackConfig(stack: string, key: string): Promise<string | undefined> {
  try {
    const { stdout } = await run("pulumi", ["config", "get", key, "--stack", stack, "--non-interactive"]);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}
