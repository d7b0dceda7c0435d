import * as pulumi from "@pulumi/pulumi";
import {
  PolicyPack,
  UnknownValueError,
  type ReportViolation,
  type ResourceValidationArgs,
} from "@pulumi/policy";
import {
  adminKeyExpires,
  API_KEY_TOKENS,
  duplicateDescriptions,
  inferenceKeyExpires,
  keyCapped,
  POLICY_FIELDS,
  privateModels,
  type KeyInputs,
} from "./rules";

/**
 * Venice's guidance for API keys as a CrossGuard pack: run `pulumi preview --policy-pack
 * node_modules/pulumi-venice/policy`. Levels and thresholds come from `--policy-pack-config`.
 */

/**
 * A key's inputs as plain values. The engine hands policies a proxy that throws on values still unknown
 * at preview (computed by other resources); such a field is recorded as unknown and its rules skip it,
 * so a preview is never failed for a value nobody knows yet.
 */
function readInputs(props: Record<string, unknown>): {
  inputs: KeyInputs;
  unknown: (f: keyof KeyInputs) => boolean;
} {
  const inputs: Record<string, unknown> = {};
  const unknowns = new Set<string>();
  const plain = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = plain((value as Record<string, unknown>)[key]);
    return copy;
  };
  for (const field of POLICY_FIELDS) {
    try {
      inputs[field] = plain(props[field]);
    } catch (err) {
      if (!(err instanceof UnknownValueError)) throw err;
      unknowns.add(field);
    }
  }
  return { inputs: inputs as KeyInputs, unknown: (f) => unknowns.has(f) };
}

/** A resource policy over ApiKeys only, its rule given the key and the policy's config. */
function onApiKeys<C extends object>(
  rule: (
    key: { name: string; inputs: KeyInputs; now: Date },
    config: C,
    unknown: (f: keyof KeyInputs) => boolean,
  ) => string[],
) {
  return (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!API_KEY_TOKENS.includes(args.type)) return;
    const { inputs, unknown } = readInputs(args.props);
    for (const message of rule({ name: args.name, inputs, now: new Date() }, args.getConfig<C>(), unknown)) {
      reportViolation(message);
    }
  };
}

new PolicyPack("pulumi-venice", {
  policies: [
    {
      name: "venice-admin-keys-expire",
      description: "ADMIN keys expire (expiresAt or expireAfter), at most maxAdminKeyDays out.",
      enforcementLevel: "mandatory",
      configSchema: {
        properties: { maxAdminKeyDays: { type: "number", minimum: 1, default: 90 } },
      },
      validateResource: onApiKeys<{ maxAdminKeyDays: number }>((key, config, unknown) =>
        adminKeyExpires(key, config.maxAdminKeyDays, unknown),
      ),
    },
    {
      name: "venice-descriptions-unique",
      description: "No two keys in a stack share type and description.",
      enforcementLevel: "mandatory",
      validateStack: (args, reportViolation) => {
        const keys = args.resources
          .filter((r) => API_KEY_TOKENS.includes(r.type))
          .map((r) => ({ name: r.name, urn: r.urn, inputs: readInputs(r.props).inputs }));
        for (const { key, message } of duplicateDescriptions(keys)) reportViolation(message, key.urn);
      },
    },
    {
      name: "venice-keys-capped",
      description: "Every key has a consumptionLimit (a spending cap).",
      enforcementLevel: "advisory",
      validateResource: onApiKeys((key, _config, unknown) => keyCapped(key, unknown)),
    },
    {
      name: "venice-keys-expire",
      description: "INFERENCE keys expire within maxKeyDays.",
      enforcementLevel: "advisory",
      configSchema: {
        properties: { maxKeyDays: { type: "number", minimum: 1, default: 365 } },
      },
      validateResource: onApiKeys<{ maxKeyDays: number }>((key, config, unknown) =>
        inferenceKeyExpires(key, config.maxKeyDays, unknown),
      ),
    },
    {
      name: "venice-private-models",
      description:
        "Keys in stacks named by privateStacks (exact names, * as wildcard) use modelPrivacy PRIVATE_TEXT or PRIVATE_ONLY.",
      enforcementLevel: "disabled",
      configSchema: {
        properties: { privateStacks: { type: "array", items: { type: "string" }, default: [] } },
      },
      validateResource: onApiKeys<{ privateStacks: string[] }>((key, config, unknown) =>
        privateModels(key, pulumi.getStack(), config.privateStacks, unknown),
      ),
    },
  ],
});
