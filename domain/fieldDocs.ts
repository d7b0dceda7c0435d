import type { COMPUTED_FIELDS, Field } from "./apiKey";

/**
 * What each field of an ApiKey holds and means, for whatever describes the resource to another tool (the
 * native provider's schema, from which SDKs for other languages are generated). The kinds name the facts
 * in apiKey.ts: `enum:` one of the zod enums, `limit` a ConsumptionLimit.
 */
export type FieldKind =
  | "string"
  | "boolean"
  | "duration"
  | "expiry"
  | "limit"
  | "trigger"
  | "enum:ApiKeyType"
  | "enum:LimitPeriod"
  | "enum:ModelPrivacy";

type Computed = (typeof COMPUTED_FIELDS)[number];

export const FIELD_DOCS: Record<Field | Computed, { kind: FieldKind; doc: string }> = {
  description: {
    kind: "string",
    doc: "What the key is for; 1 to 64 characters. Keep it unique per account.",
  },
  apiKeyType: {
    kind: "enum:ApiKeyType",
    doc: "INFERENCE (default) calls models; ADMIN manages keys and billing. Changing it replaces the key.",
  },
  expiresAt: {
    kind: "expiry",
    doc: 'UTC expiry: "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SS[.sss]Z"; stored as the canonical instant. Leave out for no expiry.',
  },
  consumptionLimit: {
    kind: "limit",
    doc: "Spend caps per period: leave a currency out for no cap; 0 blocks spending in it.",
  },
  limitPeriod: {
    kind: "enum:LimitPeriod",
    doc: "When the caps reset: EPOCH (default, daily 00:00 UTC), MONTH (the 1st, 00:00 UTC) or LIFETIME (never). Only with a consumptionLimit.",
  },
  modelPrivacy: {
    kind: "enum:ModelPrivacy",
    doc: "ALL (default), PRIVATE_TEXT (text and embeddings on private models only) or PRIVATE_ONLY.",
  },
  rotationTrigger: {
    kind: "trigger",
    doc: "Rotate on demand: when this value changes from one value to another, the key is replaced (the new key first). A string, a number or a map of them.",
  },
  expireAfter: {
    kind: "duration",
    doc: 'Lifetime from creation, e.g. "90d": the key is made with expiresAt = now + expireAfter. Excludes expiresAt.',
  },
  rotateBefore: {
    kind: "duration",
    doc: "With expireAfter: how long before the expiry the key is due for rotation (diff then plans a replacement).",
  },
  retireAfter: {
    kind: "duration",
    doc: "On replacement or removal the key is not deleted: its expiry is moved to now + retireAfter (never later than it was).",
  },
  adoptKeyId: {
    kind: "string",
    doc: "Take over this existing key (its id) instead of creating one. Only read at create.",
  },
  adoptKeyValue: {
    kind: "string",
    doc: "The adopted key's secret, if you have it: verified against Venice's last6Chars, then output as `key`.",
  },
  key: {
    kind: "string",
    doc: "The key's secret value; unknown for a key adopted or imported without its value.",
  },
  last6Chars: { kind: "string", doc: "The last six characters of the secret, as Venice shows them." },
  createdAt: {
    kind: "string",
    doc: "When Venice made the key (filled in by the first refresh after create).",
  },
  issuedAt: { kind: "string", doc: "When an expireAfter key's lifetime started (its creation or adoption)." },
  expired: { kind: "boolean", doc: "Whether expiresAt had passed when the provider last looked." },
  readyForRotation: {
    kind: "boolean",
    doc: "Whether, when the provider last looked, the key was inside its rotation window (expireAfter keys).",
  },
};
