import * as pulumi from "@pulumi/pulumi";
import type { ApiKeyArgs } from "./apiKey";

/**
 * What either ApiKey class (dynamic, native) registers: the arguments, the adopted secret stored as a
 * secret whether or not the caller marked it, and every output the engine fills in left undefined, so
 * that the outputs exist on the resource from the start.
 */
export function apiKeyProps(args: ApiKeyArgs): pulumi.Inputs {
  const outputs = {
    key: undefined,
    last6Chars: undefined,
    createdAt: undefined,
    expired: undefined,
    readyForRotation: undefined,
    issuedAt: undefined,
    expiresAt: undefined,
    consumptionLimit: undefined,
    limitPeriod: undefined,
    modelPrivacy: undefined,
    apiKeyType: undefined,
  };
  const adoptKeyValue = args.adoptKeyValue === undefined ? undefined : pulumi.secret(args.adoptKeyValue);
  return { ...outputs, ...args, adoptKeyValue };
}

/** Only Venice's create answer carries the key's value: it is a secret output on either class. */
export const SECRET_OUTPUTS = ["key"];
