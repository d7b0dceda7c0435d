import { z } from "zod";
import type { COMPUTED_FIELDS, Currency, Exactly, Field } from "./fieldNames";

/**
 * The facts about a Venice API key that every room of the house relies on: the fields a declaration
 * has, the values Venice allows, the defaults Venice applies, and how keys are told apart. Everything
 * here is data or a pure function: the SDK, the provider, the client's schemas, the policy pack, the
 * CLI and the native schema read it; none of them restates it.
 */

/** INFERENCE keys call models; ADMIN keys manage keys and billing. Immutable on a key. */
export const apiKeyTypeSchema = z.enum(["INFERENCE", "ADMIN"]);
/** When consumption caps reset: EPOCH daily at 00:00 UTC, MONTH on the 1st at 00:00 UTC, LIFETIME never. */
export const limitPeriodSchema = z.enum(["EPOCH", "MONTH", "LIFETIME"]);
/** ALL models, PRIVATE_TEXT (text and embeddings on private models only), or PRIVATE_ONLY (every model). */
export const modelPrivacySchema = z.enum(["ALL", "PRIVATE_TEXT", "PRIVATE_ONLY"]);

/** The privacy settings that keep a key on private models (every setting but ALL). */
export const PRIVATE_MODEL_PRIVACIES = modelPrivacySchema.options.filter((p) => p !== "ALL");

export type ApiKeyType = z.infer<typeof apiKeyTypeSchema>;
export type LimitPeriod = z.infer<typeof limitPeriodSchema>;
export type ModelPrivacy = z.infer<typeof modelPrivacySchema>;

/** Venice's defaults for a field left out (documented in its OpenAPI document; ours for apiKeyType). */
export const DEFAULTS = {
  apiKeyType: "INFERENCE",
  limitPeriod: "EPOCH",
  modelPrivacy: "ALL",
} as const satisfies { apiKeyType: ApiKeyType; limitPeriod: LimitPeriod; modelPrivacy: ModelPrivacy };

/** Venice's limit on a description (since 2026-06). */
export const MAX_DESCRIPTION = 64;
/** Venice's largest consumption cap per currency. */
export const MAX_LIMIT = 9_999_999_999;
/** Spend caps per period. Leave a currency out for no cap; 0 blocks all spending in it. */
export type ConsumptionLimit = { [C in Currency]?: number };

/** A value whose change means "rotate now": a string, a number, or a map of them. */
export type RotationTrigger = string | number | Record<string, string | number>;

/**
 * How keys are told apart without their ids: Venice has no client token, so type and description are
 * what the lost-create repair, the audit's "interrupted" finding and the uniqueness policy match on.
 */
export function keyIdentity(key: { apiKeyType?: unknown; description?: unknown }): string {
  const type = typeof key.apiKeyType === "string" ? key.apiKeyType : DEFAULTS.apiKeyType;
  return `${type}\u0000${String(key.description ?? "")}`;
}

/** The declared shape of a key, normalised: what check returns, what diff compares, what state holds. */
export interface ApiKeyInputs {
  description: string;
  apiKeyType: ApiKeyType;
  /** Canonical `YYYY-MM-DDTHH:MM:SS.sssZ`; absent means the key never expires. */
  expiresAt?: string;
  /** Absent currencies (and an absent object) mean "no cap". 0 means "blocked". */
  consumptionLimit?: ConsumptionLimit;
  limitPeriod: LimitPeriod;
  modelPrivacy: ModelPrivacy;
  /** Any change replaces the key (new key first). */
  rotationTrigger?: RotationTrigger;
  /** Lifetime from creation (a duration such as "90d"); excludes `expiresAt`. */
  expireAfter?: string;
  /** How long before the expiry the key is replaced; needs `expireAfter`, and must be shorter. */
  rotateBefore?: string;
  /** On replacement or removal, keep the old key alive this long instead of deleting it. */
  retireAfter?: string;
  /** Take over this existing key at create instead of making one. */
  adoptKeyId?: string;
  /** The adopted key's secret, when known; checked against Venice's last6Chars. */
  adoptKeyValue?: string;
}

/** What a resource's state holds: its normalised inputs plus what Venice and the provider computed. */
export interface ApiKeyOutputs extends ApiKeyInputs {
  /** The secret. Only the create answer carries it; it is carried forward from then on. */
  key?: string;
  last6Chars?: string;
  createdAt?: string;
  /** Start of an `expireAfter` key's lifetime; absent for other keys. */
  issuedAt?: string;
  expired: boolean;
  /** Whether now is inside the rotation window of a key with `expireAfter`. */
  readyForRotation: boolean;
}

// The lists above and the shapes here cannot drift apart: each list is exactly the shape's keys.
const _fieldsAreTheInputs: Exactly<Field, keyof ApiKeyInputs> = true;
const _computedAreTheRest: Exactly<
  (typeof COMPUTED_FIELDS)[number],
  Exclude<keyof ApiKeyOutputs, keyof ApiKeyInputs>
> = true;
void _fieldsAreTheInputs;
void _computedAreTheRest;
