import type { VeniceKey } from "./client/schemas";
import { isExpired, parseExpiry } from "./expiry";
import type { ApiKeyInputs } from "./inputs";

/** What a resource's state holds: its normalised inputs plus what Venice computed. */
export interface ApiKeyOutputs extends ApiKeyInputs {
  /** The secret. Only the create answer carries it; it is carried forward from then on. */
  key?: string;
  last6Chars?: string;
  createdAt?: string;
  expired: boolean;
}

/** A key as Venice reports it, in the same normalised form check produces, for drift comparison. */
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
  computed: { key?: string; last6Chars?: string; createdAt?: string | null },
  now: Date,
): ApiKeyOutputs {
  const outs: ApiKeyOutputs = { ...inputs, expired: isExpired(inputs.expiresAt, now) };
  if (computed.key !== undefined) outs.key = computed.key;
  if (computed.last6Chars !== undefined) outs.last6Chars = computed.last6Chars;
  if (computed.createdAt) outs.createdAt = computed.createdAt;
  return outs;
}
