import {
  CURRENCIES,
  FIELDS,
  INFO_FIELDS,
  parseExpiry,
  type ApiKeyInputs,
  type ApiKeyOutputs,
  type Field,
} from "../../../domain";
import type { ApiKeyInfo } from "../../core";
import { UNKNOWN } from "../../core/unknown";
import { inTerraformTerms, RESOURCE_ATTRIBUTES, snake } from "./schema";
import { isUnknown, UNKNOWN_VALUE, type TfObject, type TfValue } from "./values";

/**
 * Between Terraform's objects (snake_case, every attribute present, null for absent) and the core's
 * shapes (camelCase, absent for absent). Terraform holds values exactly as configured, so where the
 * core normalises (an expiry's spelling, an empty limit object), the configured spelling is kept
 * whenever it means the same: a planned value must come back from apply unchanged.
 */

/** A value for check: unknowns become the core's sentinel, nulls are left out. */
function forCore(value: TfValue): unknown {
  if (isUnknown(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map(forCore);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = forCore(v);
    return out;
  }
  return value;
}

/** The declaration a resource's configuration makes, as check takes it. */
export function declarationFrom(config: TfObject): Record<string, unknown> {
  const declaration: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = config[snake(field)];
    if (value === null || value === undefined) continue;
    declaration[field] = forCore(value);
  }
  return declaration;
}

/** A resource's state as the core reads it (diff, update, delete, read): canonical expiry, nulls left out. */
export function coreStateFrom(state: TfObject): Partial<ApiKeyOutputs> {
  const out: Record<string, unknown> = {};
  for (const { field, attribute } of RESOURCE_ATTRIBUTES) {
    if (field === "id") continue;
    const value = state[attribute.name];
    if (value === null || value === undefined || isUnknown(value)) continue;
    out[field] = forCore(value);
  }
  if (typeof out.expiresAt === "string") {
    const parsed = parseExpiry(out.expiresAt);
    if (parsed.ok) out.expiresAt = parsed.iso;
  }
  if (out.consumptionLimit && Object.keys(out.consumptionLimit).length === 0) delete out.consumptionLimit;
  return out as Partial<ApiKeyOutputs>;
}

/** Whether a Terraform value and a core value of `field` mean the same. */
function sameMeaning(field: Field | "other", tf: TfValue, core: unknown): boolean {
  if (isUnknown(tf)) return false;
  if (field === "expiresAt" && typeof tf === "string" && typeof core === "string") {
    const parsed = parseExpiry(tf);
    return parsed.ok && parsed.iso === core;
  }
  if (field === "consumptionLimit") {
    const caps = (tf ?? {}) as Record<string, TfValue>;
    const coreCaps = (core ?? {}) as Record<string, unknown>;
    return CURRENCIES.every((c) => (caps[c] ?? null) === (coreCaps[c] ?? null));
  }
  return false;
}

/** The core's value of a field as Terraform holds it. */
function fromCore(field: string, value: unknown): TfValue {
  if (value === undefined || value === null) return null;
  if (value === UNKNOWN) return UNKNOWN_VALUE;
  if (field === "consumptionLimit") {
    const caps = value as Record<string, number | undefined>;
    return Object.fromEntries(CURRENCIES.map((c) => [c, caps[c] ?? null]));
  }
  if (field === "rotationTrigger" && typeof value !== "object") return { value: String(value) };
  if (field === "rotationTrigger") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
  }
  return value as TfValue;
}

/**
 * The Terraform state for a key the core returned. `spellings` are the objects whose spelling of a value
 * wins where it means the same as the core's (the plan, the configuration, the prior state, in that
 * order). `adoptKeyValue` is what state holds for it: null where the client keeps it write-only.
 */
export function tfStateFrom(
  id: string,
  outs: Partial<ApiKeyOutputs>,
  spellings: ReadonlyArray<TfObject | null | undefined>,
  adoptKeyValue: TfValue = null,
): TfObject {
  const state: TfObject = {};
  for (const { field, attribute } of RESOURCE_ATTRIBUTES) {
    if (field === "id") {
      state.id = id;
      continue;
    }
    if (field === "adoptKeyValue") {
      state[attribute.name] = adoptKeyValue;
      continue;
    }
    const value = (outs as Record<string, unknown>)[field];
    const kept = spellings.find((s) => s && sameMeaning(field as Field, s[attribute.name] ?? null, value));
    state[attribute.name] = kept ? kept[attribute.name]! : fromCore(field, value);
  }
  return state;
}

/** A lookup's answer as a data source's attributes. */
export function infoObject(info: ApiKeyInfo): TfObject {
  const out: TfObject = {};
  for (const field of INFO_FIELDS) out[snake(field)] = fromCore("info", info[field]);
  out.consumption_limits = { ...info.consumptionLimits };
  return out;
}

export { inTerraformTerms };

export type { ApiKeyInputs };
