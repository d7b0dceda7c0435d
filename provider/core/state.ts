import {
  DEFAULTS,
  isExpired,
  LIFECYCLE_FIELDS,
  parseExpiry,
  type ApiKeyInputs,
  type ApiKeyOutputs,
} from "../../domain";
import type { VeniceKey } from "../client/schemas";
import { readyForRotation } from "./rotation";

export type { ApiKeyOutputs };

/** What Venice does not know and state must carry forward through a refresh (never the adopted secret). */
const PROVIDER_FIELDS = [...LIFECYCLE_FIELDS, "adoptKeyId"] as const;

/** A refreshed key's state: Venice's view plus the provider's own settings, which Venice never sees. */
export function observedState(key: VeniceKey, props: Partial<ApiKeyOutputs>): ApiKeyInputs {
  return { ...inputsFromVenice(key), ...definedOnly(props, PROVIDER_FIELDS) };
}

/** The fields of `source` named in `fields` that have a value. */
function definedOnly<T extends object, K extends keyof T>(
  source: T,
  fields: readonly K[],
): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const field of fields) if (source[field] !== undefined) picked[field] = source[field];
  return picked;
}

/**
 * The inputs a refresh (or an import) records: what check would produce for a declaration matching
 * Venice, so that code written from them (`pulumi import` prints it) passes check. A key with
 * `expireAfter` declares a lifetime, not a date, so its expiry is not an input (diff plans it from
 * `createdAt`, which is how a dashboard edit of it still shows as drift). `limitPeriod` is an input when
 * it is not the default or the key has caps: Venice keeps a period on a key without caps (its dashboard
 * sets one), and an import that left it out would change it back to the default on the first update.
 */
export function refreshedInputs(observed: ApiKeyInputs): Partial<ApiKeyInputs> {
  const { expiresAt, limitPeriod, ...rest } = observed;
  return {
    ...rest,
    ...(observed.expireAfter === undefined && expiresAt !== undefined ? { expiresAt } : {}),
    ...(observed.consumptionLimit !== undefined || limitPeriod !== DEFAULTS.limitPeriod
      ? { limitPeriod }
      : {}),
  };
}

export function inputsFromVenice(key: VeniceKey): ApiKeyInputs {
  const inputs: ApiKeyInputs = {
    description: key.description,
    apiKeyType: key.apiKeyType,
    limitPeriod: key.limitPeriod,
    modelPrivacy: key.modelPrivacy,
  };
  if (key.expiresAt) {
    const parsed = parseExpiry(key.expiresAt);
    inputs.expiresAt = parsed.ok ? parsed.iso : key.expiresAt;
  }
  const caps: { usd?: number; diem?: number } = {};
  if (key.consumptionLimits?.usd != null) caps.usd = key.consumptionLimits.usd;
  if (key.consumptionLimits?.diem != null) caps.diem = key.consumptionLimits.diem;
  if (Object.keys(caps).length > 0) inputs.consumptionLimit = caps;
  return inputs;
}

export function outputsFrom(
  inputs: ApiKeyInputs,
  computed: { key?: string; last6Chars?: string; createdAt?: string | null; issuedAt?: string },
  now: Date,
): ApiKeyOutputs {
  const { adoptKeyValue: _secret, ...declared } = inputs; // the secret lives in `key` only
  const outs: ApiKeyOutputs = {
    ...declared,
    expired: isExpired(inputs.expiresAt, now),
    readyForRotation: readyForRotation(inputs, now),
  };
  if (computed.key !== undefined) outs.key = computed.key;
  if (computed.last6Chars !== undefined) outs.last6Chars = computed.last6Chars;
  if (computed.createdAt) outs.createdAt = computed.createdAt;
  if (computed.issuedAt && inputs.expireAfter !== undefined) outs.issuedAt = computed.issuedAt;
  return outs;
}
