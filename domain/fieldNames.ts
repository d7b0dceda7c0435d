/**
 * The names of an ApiKey's fields, in the order they are documented. Plain constants (no zod), so the
 * SDK can load them in a user's program without the provider. What each field is lives in fields.ts.
 */

/** The fields Venice stores; the others are the provider's own (rotation, retirement, adoption). */
export const VENICE_FIELDS = [
  "description",
  "apiKeyType",
  "expiresAt",
  "consumptionLimit",
  "limitPeriod",
  "modelPrivacy",
] as const;

/** The provider's own settings for rotation and retirement: kept in state, never sent to Venice. */
export const LIFECYCLE_FIELDS = ["rotationTrigger", "expireAfter", "rotateBefore", "retireAfter"] as const;

/** Read only at create, to take over an existing key. */
export const ADOPTION_FIELDS = ["adoptKeyId", "adoptKeyValue"] as const;

/** Every argument of an ApiKey. */
export const FIELDS = [...VENICE_FIELDS, ...LIFECYCLE_FIELDS, ...ADOPTION_FIELDS] as const;
export type Field = (typeof FIELDS)[number];

/** What the provider computes, beside the arguments (in their normalised form). */
export const COMPUTED_FIELDS = [
  "key",
  "last6Chars",
  "createdAt",
  "issuedAt",
  "expired",
  "readyForRotation",
] as const;
export type ComputedField = (typeof COMPUTED_FIELDS)[number];

/** Arguments that are not outputs: the adopted secret is output as `key`, never as itself. */
export const INPUT_ONLY_FIELDS = ["adoptKeyValue"] as const satisfies readonly Field[];

/** Every output of an ApiKey: the arguments (normalised) but the input-only ones, then the computed. */
export const OUTPUT_FIELDS = [
  ...FIELDS.filter((f): f is Exclude<Field, (typeof INPUT_ONLY_FIELDS)[number]> => f !== "adoptKeyValue"),
  ...COMPUTED_FIELDS,
];
export type OutputField = Exclude<Field, (typeof INPUT_ONLY_FIELDS)[number]> | ComputedField;

/**
 * The outputs a key has even where its declaration leaves them out (Venice's values and defaults, and
 * the computed ones): each ApiKey class registers them up front, so they exist on the resource from the
 * start. `description` is always declared; the provider's own settings are only there when declared.
 */
export const OUTPUTS_FILLED_IN = [
  ...COMPUTED_FIELDS,
  ...VENICE_FIELDS.filter((f) => f !== "description"),
] as const;

/** The currencies a consumption limit caps (`vcu`, Venice's deprecated name for DIEM, is refused). */
export const CURRENCIES = ["usd", "diem"] as const;
export type Currency = (typeof CURRENCIES)[number];

/** The fields of a key as a lookup returns them (getApiKey, getApiKeys, the data sources): never a secret. */
export const INFO_FIELDS = [
  "id",
  "description",
  "apiKeyType",
  "expiresAt",
  "consumptionLimits",
  "limitPeriod",
  "modelPrivacy",
  "createdAt",
  "lastUsedAt",
  "last6Chars",
] as const;
export type InfoField = (typeof INFO_FIELDS)[number];

/**
 * `true` only when A and B are the same union: `const _x: Exactly<keyof Args, Field> = true` fails to
 * compile the moment a field is added to one side and not the other.
 */
export type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;

/** The outputs that are secrets (the created key's value): each ApiKey class marks them secret outputs. */
export const SECRET_OUTPUTS = ["key"] as const satisfies readonly ComputedField[];
