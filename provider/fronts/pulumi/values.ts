import { SECRET_FIELDS } from "../../../domain";

/**
 * Property values as the engine sends them to a provider that accepts secrets (protobuf Structs turned
 * into JS): a secret is an object with Pulumi's secret signature and its value; a value not yet known at
 * preview is the unknown sentinel string, which the core already understands (unknown.ts). The core
 * works on plain values, so secrets are unwrapped on the way in and the secret fields wrapped again on
 * the way out.
 */
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export function isSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SIGNATURE_KEY] === SECRET_SIGNATURE
  );
}

export function secret(value: unknown): Record<string, unknown> {
  return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** The value with every secret replaced by what it holds, at any depth. */
export function unwrap(value: unknown): unknown {
  if (isSecret(value)) return unwrap(value.value);
  if (Array.isArray(value)) return value.map(unwrap);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v)]));
  }
  return value;
}

/**
 * Properties for the engine: the secret fields wrapped, `__provider` (left by state from the dynamic
 * provider) dropped, undefined values left out (a Struct cannot hold them).
 */
export function forEngine(properties: object): Record<string, Plain> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined || key === "__provider") continue;
    out[key] = (SECRET_FIELDS as readonly string[]).includes(key) ? secret(value) : value;
  }
  return JSON.parse(JSON.stringify(out)) as Record<string, Plain>;
}

/** Properties from the engine: plain values, without `__provider`. */
export function fromEngine(properties: Record<string, unknown> | undefined): Record<string, unknown> {
  const plain = (unwrap(properties ?? {}) ?? {}) as Record<string, unknown>;
  const { __provider: _dynamic, ...rest } = plain;
  return rest;
}
