import { DEFAULTS, MAX_DESCRIPTION, type ApiKeyInputs, type ApiKeyOutputs } from "./apiKey";
import {
  FIELDS,
  OUTPUT_FIELDS,
  type ComputedField,
  type Exactly,
  type Field,
  type InfoField,
  type SECRET_OUTPUTS,
} from "./fieldNames";

/**
 * One record per field of an ApiKey: what it holds, what it means, and how every front treats it. The
 * lifecycle's rules, the native Pulumi schema, the Terraform schema, the registry docs and the README's
 * argument table are derived from these records; the SDK's hand-written types and TSDoc are checked
 * against them (sdk/contract.ts at compile time, tests/unit/fieldContract.test.ts for the prose).
 *
 * Kinds name the facts in apiKey.ts: `enum:` one of the zod enums, `limit` a ConsumptionLimit.
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

export interface FieldRecord {
  kind: FieldKind;
  /** One or two sentences for every front's docs; the same text everywhere. */
  doc: string;
  /** What a change of it does to an existing key (arguments only), for every front's docs. */
  onChange?: string;
  /** A secret wherever it appears (state, outputs, plans). */
  secret?: true;
  /** A change means a new key (Venice cannot change it in place). */
  replaceOnChange?: true;
  /** What applies when the declaration leaves it out. */
  default?: string;
  /** A declaration must have it. */
  required?: true;
  /** Computed by the provider: never declared. */
  computed?: true;
  /**
   * For computed fields: whether an update in place can change it. A front that plans values ahead
   * (Terraform) keeps a stable one from state and marks the others unknown.
   */
  changesOnUpdate?: true;
  /** Always has a value in state, declared or not. */
  alwaysSet?: true;
  /** Venice's name for it in read answers, where that differs from ours. */
  wire?: string;
}

export const FIELD_RECORDS = {
  description: {
    kind: "string",
    doc: `What the key is for; 1 to ${MAX_DESCRIPTION} characters. Keep it unique per account.`,
    onChange: "update in place",
    required: true,
    alwaysSet: true,
  },
  apiKeyType: {
    kind: "enum:ApiKeyType",
    doc: "INFERENCE (default) calls models; ADMIN manages keys and billing. Changing it replaces the key.",
    onChange: "**replace** (new key first, then the old one is deleted)",
    replaceOnChange: true,
    default: DEFAULTS.apiKeyType,
    alwaysSet: true,
  },
  expiresAt: {
    kind: "expiry",
    doc: 'UTC expiry: "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SS[.sss]Z"; stored as the canonical instant. UTC only: an offset or a missing Z is refused. Leave out for no expiry.',
    onChange: "update in place (set, change, remove)",
  },
  consumptionLimit: {
    kind: "limit",
    doc: "Spend caps per period, in usd and/or diem (0 to 9999999999): leave a currency out for no cap; 0 blocks spending in it. vcu, Venice's deprecated name for DIEM, is refused.",
    onChange: "update in place (set, change, remove a currency)",
    wire: "consumptionLimits",
  },
  limitPeriod: {
    kind: "enum:LimitPeriod",
    doc: "When the caps reset: EPOCH (default, daily 00:00 UTC), MONTH (the 1st, 00:00 UTC) or LIFETIME (never). It has no effect until a consumptionLimit is set.",
    onChange: "update in place",
    default: DEFAULTS.limitPeriod,
    alwaysSet: true,
  },
  modelPrivacy: {
    kind: "enum:ModelPrivacy",
    doc: "ALL (default), PRIVATE_TEXT (text and embeddings on private models only) or PRIVATE_ONLY.",
    onChange: "update in place",
    default: DEFAULTS.modelPrivacy,
    alwaysSet: true,
  },
  rotationTrigger: {
    kind: "trigger",
    doc: "Rotate on demand: when this value changes from one value to another, the key is replaced (the new key first). A string, a number or a map of them.",
    onChange: "**replace** when it changes from one value to another",
  },
  expireAfter: {
    kind: "duration",
    doc: 'Lifetime from creation, e.g. "90d": the key is made with expiresAt = now + expireAfter. Excludes expiresAt.',
    onChange: "expiry moved in place (same start, new length)",
  },
  rotateBefore: {
    kind: "duration",
    doc: "With expireAfter: how long before the expiry the key is due for rotation (diff then plans a replacement).",
    onChange: "recorded; **replace** once inside the window",
  },
  retireAfter: {
    kind: "duration",
    doc: "On replacement or removal the key is not deleted: its expiry is moved to now + retireAfter (never later than it was).",
    onChange: "recorded",
  },
  adoptKeyId: {
    kind: "string",
    doc: "Take over this existing key (its id) instead of creating one. Only read at create.",
    onChange: "nothing (read only at create)",
  },
  adoptKeyValue: {
    kind: "string",
    doc: "The adopted key's secret, if you have it: verified against Venice's last6Chars, then output as `key`.",
    onChange: "nothing (read only at create)",
    secret: true,
  },
  key: {
    kind: "string",
    doc: "The key's secret value; unknown for a key adopted or imported without its value.",
    secret: true,
    computed: true,
  },
  last6Chars: {
    kind: "string",
    doc: "The last six characters of the secret, as Venice shows them.",
    computed: true,
  },
  createdAt: {
    kind: "string",
    doc: "When Venice made the key (filled in by the first refresh after create).",
    computed: true,
  },
  issuedAt: {
    kind: "string",
    doc: "When an expireAfter key's lifetime started (its creation or adoption).",
    computed: true,
    changesOnUpdate: true,
  },
  expired: {
    kind: "boolean",
    doc: "Whether expiresAt had passed when the provider last looked.",
    computed: true,
    changesOnUpdate: true,
    alwaysSet: true,
  },
  readyForRotation: {
    kind: "boolean",
    doc: "Whether, when the provider last looked, the key was inside its rotation window (expireAfter keys).",
    computed: true,
    changesOnUpdate: true,
    alwaysSet: true,
  },
} as const satisfies Record<Field | ComputedField, FieldRecord>;

/** The record of a field, typed as the general shape (the literal types above are for compile-time checks). */
export const fieldRecord = (field: Field | ComputedField): FieldRecord => FIELD_RECORDS[field];

/** Fields Venice cannot change on an existing key: a change means a new key. */
export const REPLACE_FIELDS: readonly Field[] = FIELDS.filter((f) => fieldRecord(f).replaceOnChange);

/** Values that are secrets wherever they appear: the created key, and an adopted key's value. */
export const SECRET_FIELDS: ReadonlyArray<Field | ComputedField> = [...FIELDS, ...OUTPUT_FIELDS].filter(
  (f, i, all) => all.indexOf(f) === i && fieldRecord(f).secret,
);

/** The arguments a declaration must have. */
export const REQUIRED_FIELDS: readonly Field[] = FIELDS.filter((f) => fieldRecord(f).required);

/** The outputs every key's state has, declared or not. */
export const ALWAYS_SET_OUTPUTS: ReadonlyArray<Field | ComputedField> = OUTPUT_FIELDS.filter(
  (f) => fieldRecord(f).alwaysSet,
);

// The records agree with the shapes: a required field is required in ApiKeyInputs, an always-set output
// is required in ApiKeyOutputs, and nothing else is.
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Flagged<Flag extends string> = {
  [F in keyof typeof FIELD_RECORDS]: (typeof FIELD_RECORDS)[F] extends Record<Flag, true> ? F : never;
}[keyof typeof FIELD_RECORDS];
type Defaulted = {
  [F in keyof typeof FIELD_RECORDS]: (typeof FIELD_RECORDS)[F] extends { default: string } ? F : never;
}[keyof typeof FIELD_RECORDS];
const _alwaysSetIsRequiredInState: Exactly<Flagged<"alwaysSet">, RequiredKeys<ApiKeyOutputs>> = true;
const _requiredOrDefaulted: Exactly<Flagged<"required"> | Defaulted, RequiredKeys<ApiKeyInputs>> = true;
void _alwaysSetIsRequiredInState;
void _requiredOrDefaulted;

/** What a lookup's answer (getApiKey, getApiKeys, the data sources) holds, field by field. */
export interface InfoRecord {
  kind: FieldKind | "reportedLimits";
  doc: string;
  /** Always in the answer. */
  required?: true;
}

export const INFO_RECORDS = {
  id: { kind: "string", doc: "The key's id.", required: true },
  description: { kind: "string", doc: "What the key is for.", required: true },
  apiKeyType: { kind: "enum:ApiKeyType", doc: "INFERENCE or ADMIN.", required: true },
  expiresAt: { kind: "string", doc: "Canonical UTC instant; absent when the key never expires." },
  consumptionLimits: {
    kind: "reportedLimits",
    doc: "Per-currency caps as Venice reports them; null where the currency has no cap.",
    required: true,
  },
  limitPeriod: { kind: "enum:LimitPeriod", doc: "When the caps reset.", required: true },
  modelPrivacy: { kind: "enum:ModelPrivacy", doc: "Which models the key may call.", required: true },
  createdAt: { kind: "string", doc: "When Venice made the key." },
  lastUsedAt: { kind: "string", doc: "When the key was last used, as Venice reports it." },
  last6Chars: { kind: "string", doc: "The last six characters of the secret." },
} as const satisfies Record<InfoField, InfoRecord>;

export const infoRecord = (field: InfoField): InfoRecord => INFO_RECORDS[field];

// SECRET_OUTPUTS (plain constants, for the SDK) are exactly the computed fields recorded as secrets.
type SecretComputed = {
  [F in ComputedField]: (typeof FIELD_RECORDS)[F] extends { secret: true } ? F : never;
}[ComputedField];
const _secretOutputs: Exactly<(typeof SECRET_OUTPUTS)[number], SecretComputed> = true;
void _secretOutputs;
