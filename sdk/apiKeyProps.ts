import * as pulumi from "@pulumi/pulumi";
// Plain constants: the SDK loads nothing of the provider (nor zod) for them.
import { OUTPUTS_FILLED_IN, SECRET_OUTPUTS as SECRETS } from "../domain/fieldNames";
import type { ApiKeyArgs } from "./apiKey";

/**
 * What either ApiKey class (dynamic, native) registers: the arguments, the adopted secret stored as a
 * secret whether or not the caller marked it, and every output the engine fills in left undefined, so
 * that the outputs exist on the resource from the start.
 */
export function apiKeyProps(args: ApiKeyArgs): pulumi.Inputs {
  const outputs = Object.fromEntries(OUTPUTS_FILLED_IN.map((name) => [name, undefined]));
  const adoptKeyValue = args.adoptKeyValue === undefined ? undefined : pulumi.secret(args.adoptKeyValue);
  return { ...outputs, ...args, adoptKeyValue };
}

/** Only Venice's create answer carries the key's value: it is a secret output on either class. */
export const SECRET_OUTPUTS: string[] = [...SECRETS];
