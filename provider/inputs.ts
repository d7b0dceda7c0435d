import { z } from "zod";
import { parseDuration } from "./duration";
import { isExpired, parseExpiry } from "./expiry";
import { containsUnknown } from "./unknown";

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

/** A value whose change means "rotate now": a string, a number, or a map of them. */
export type RotationTrigger = string | number | Record<string, string | number>;

export type ApiKeyType = "INFERENCE" | "ADMIN";
export type LimitPeriod = "EPOCH" | "MONTH" | "LIFETIME";
export type ModelPrivacy = "ALL" | "PRIVATE_TEXT" | "PRIVATE_ONLY";
/** Spend caps per period. Leave a currency out for no cap; 0 blocks all spending in it. */
export interface ConsumptionLimit {
  usd?: number;
  diem?: number;
}

export interface CheckFailure {
  property: string;
  reason: string;
}

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

export const FIELDS = [...VENICE_FIELDS, ...LIFECYCLE_FIELDS, ...ADOPTION_FIELDS] as const;
export const MAX_DESCRIPTION = 64;
export const MAX_LIMIT = 9_999_999_999;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isTriggerScalar = (v: unknown) =>
  typeof v === "string" || (typeof v === "number" && Number.isFinite(v));

const duration = (field: string) =>
  z.custom<string>((v) => parseDuration(v).ok, {
    error: (issue) => {
      const parsed = parseDuration(issue.input);
      return `${field} ${parsed.ok ? "is invalid" : parsed.reason}`;
    },
  });

const describe = (v: unknown) =>
  typeof v === "string" ? `"${v}"` : v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;

function oneOf<T extends string>(field: string, values: readonly T[], what: string) {
  return z.custom<T>((v) => typeof v === "string" && (values as readonly string[]).includes(v), {
    error: (issue) =>
      `${field} must be one of ${values.map((x) => `"${x}"`).join(", ")} (${what}); got ${describe(issue.input)}`,
  });
}

const KEY_TYPES = ["INFERENCE", "ADMIN"] as const;
const PERIODS = ["EPOCH", "MONTH", "LIFETIME"] as const;
const PRIVACIES = ["ALL", "PRIVATE_TEXT", "PRIVATE_ONLY"] as const;

const amount = (currency: string) =>
  z.custom<number>((v) => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= MAX_LIMIT, {
    error: (issue) =>
      typeof issue.input === "number"
        ? `consumptionLimit.${currency} must be between 0 and ${MAX_LIMIT} (0 blocks spending; leave it out for no cap); got ${issue.input}`
        : `consumptionLimit.${currency} must be a number, e.g. 25; got ${describe(issue.input)}`,
  });

/** Every problem of a consumptionLimit object at once: unknown currencies and bad amounts alike. */
const limitSchema = z.record(z.string(), z.unknown()).superRefine((obj, ctx) => {
  for (const [key, value] of Object.entries(obj)) {
    if (key === "vcu") {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message:
          "consumptionLimit.vcu is Venice's deprecated name for DIEM; use consumptionLimit.diem instead",
      });
    } else if (key !== "usd" && key !== "diem") {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `consumptionLimit.${key} is not a currency Venice caps; use usd and/or diem`,
      });
    } else if (value !== null && value !== undefined) {
      const amountCheck = amount(key).safeParse(value);
      if (!amountCheck.success)
        ctx.addIssue({ code: "custom", path: [key], message: amountCheck.error.issues[0]!.message });
    }
  }
});

/** One schema per argument, so that every argument's problem is reported in the same preview. */
const fieldSchemas = {
  description: z.custom<string>(
    (v) => typeof v === "string" && v.length >= 1 && v.length <= MAX_DESCRIPTION,
    {
      error: (issue) =>
        typeof issue.input !== "string"
          ? `description must be a string saying what the key is for, e.g. "ci / staging"; got ${describe(issue.input)}`
          : issue.input.length === 0
            ? 'description must not be empty; say what the key is for, e.g. "ci / staging"'
            : `description is ${issue.input.length} characters; Venice allows at most ${MAX_DESCRIPTION}. Shorten it`,
    },
  ),
  apiKeyType: oneOf("apiKeyType", KEY_TYPES, "INFERENCE is the default and the safe choice"),
  expiresAt: z
    .custom<string>((v) => typeof v === "string", {
      error: (issue) => `expiresAt must be a date string such as "2027-06-30"; got ${describe(issue.input)}`,
    })
    .nullable(),
  consumptionLimit: z
    .custom<Record<string, unknown>>((v) => v !== null && typeof v === "object" && !Array.isArray(v), {
      error: (issue) =>
        `consumptionLimit must be an object such as { usd: 25, diem: 5 }; got ${describe(issue.input)}`,
    })
    .pipe(limitSchema)
    .nullable(),
  limitPeriod: oneOf(
    "limitPeriod",
    PERIODS,
    "EPOCH resets daily at 00:00 UTC, MONTH on the 1st, LIFETIME never",
  ),
  modelPrivacy: oneOf("modelPrivacy", PRIVACIES, "ALL is the default"),
  rotationTrigger: z.custom<RotationTrigger>(
    (v) =>
      isTriggerScalar(v) ||
      (v !== null && typeof v === "object" && !Array.isArray(v) && Object.values(v).every(isTriggerScalar)),
    {
      error: (issue) =>
        `rotationTrigger must be a string, a number, or a map of them (e.g. { quarter: "2027-Q1" }); got ${describe(issue.input)}`,
    },
  ),
  expireAfter: duration("expireAfter"),
  rotateBefore: duration("rotateBefore"),
  retireAfter: duration("retireAfter"),
  adoptKeyId: z.custom<string>((v) => typeof v === "string" && UUID.test(v), {
    error: (issue) =>
      `adoptKeyId must be the id of an existing Venice key (a UUID, as in Venice's dashboard or getApiKeys()); got ${describe(issue.input)}`,
  }),
  // Secret: a failure here would print the value, so its problems are reported without a property.
  adoptKeyValue: z.unknown(),
} as const;

interface Parsed {
  description?: string;
  apiKeyType?: ApiKeyType;
  expiresAt?: string | null;
  consumptionLimit?: Record<string, unknown> | null;
  limitPeriod?: LimitPeriod;
  modelPrivacy?: ModelPrivacy;
  rotationTrigger?: RotationTrigger;
  expireAfter?: string;
  rotateBefore?: string;
  retireAfter?: string;
  adoptKeyId?: string;
  adoptKeyValue?: unknown;
}

/**
 * Validates and normalises a resource's declared arguments. Pure: `now` is passed in, nothing is sent to
 * Venice. Fields whose value is still unknown (preview) are passed through unvalidated.
 */
export function checkInputs(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  now: Date,
): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  const given: Record<string, unknown> = {};
  const unknown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(news)) {
    if (key === "__provider" || value === undefined) continue;
    if (!(FIELDS as readonly string[]).includes(key)) {
      failures.push({
        property: key,
        reason: `${key} is not an ApiKey argument; the arguments are ${FIELDS.join(", ")}. Remove it or fix its spelling`,
      });
    } else if (containsUnknown(value)) {
      unknown[key] = value;
    } else {
      given[key] = value;
    }
  }

  const v: Parsed = {};
  for (const [field, value] of Object.entries(given) as Array<[keyof typeof fieldSchemas, unknown]>) {
    const result = fieldSchemas[field].safeParse(value);
    if (result.success) (v as Record<string, unknown>)[field] = result.data;
    else for (const issue of result.error.issues) failures.push({ property: field, reason: issue.message });
  }
  if (!("description" in given) && !("description" in unknown)) {
    failures.push({
      property: "description",
      reason: 'description is required; say what the key is for, e.g. "ci / staging"',
    });
  }

  const inputs: Record<string, unknown> = {
    apiKeyType: v.apiKeyType ?? "INFERENCE",
    limitPeriod: v.limitPeriod ?? "EPOCH",
    modelPrivacy: v.modelPrivacy ?? "ALL",
  };
  if (v.description !== undefined) inputs.description = v.description;

  if (v.expiresAt !== undefined && v.expiresAt !== null) {
    const expiry = parseExpiry(v.expiresAt);
    if (!expiry.ok) {
      failures.push({ property: "expiresAt", reason: `expiresAt ${expiry.reason}` });
    } else {
      // An unchanged expiry that has since passed is not a new mistake: the key expired, and refresh will say so.
      const unchanged =
        typeof olds.expiresAt === "string" && parseExpiry(olds.expiresAt).ok && olds.expiresAt === expiry.iso;
      if (!unchanged && isExpired(expiry.iso, now)) {
        failures.push({
          property: "expiresAt",
          reason: `expiresAt ${v.expiresAt} is in the past; choose a future date, or leave expiresAt out for a key that never expires`,
        });
      }
      inputs.expiresAt = expiry.iso;
    }
  }

  const caps: { usd?: number; diem?: number } = {};
  if (v.consumptionLimit?.usd !== undefined && v.consumptionLimit.usd !== null)
    caps.usd = v.consumptionLimit.usd as number;
  if (v.consumptionLimit?.diem !== undefined && v.consumptionLimit.diem !== null)
    caps.diem = v.consumptionLimit.diem as number;
  if (Object.keys(caps).length > 0) inputs.consumptionLimit = caps;

  if (
    v.limitPeriod !== undefined &&
    inputs.consumptionLimit === undefined &&
    !("consumptionLimit" in unknown) &&
    !("consumptionLimit" in given && v.consumptionLimit === undefined)
  ) {
    failures.push({
      property: "limitPeriod",
      reason:
        "limitPeriod only applies to a consumptionLimit; set consumptionLimit (usd and/or diem) or remove limitPeriod",
    });
  }

  failures.push(...lifecycleFailures(v, given, unknown));
  for (const field of [...LIFECYCLE_FIELDS, "adoptKeyId"] as const) {
    if (v[field] !== undefined) inputs[field] = v[field];
  }
  if (typeof v.adoptKeyValue === "string") inputs.adoptKeyValue = v.adoptKeyValue;

  return { inputs: { ...inputs, ...unknown }, failures };
}

/** Rules between the rotation, retirement and adoption arguments (each alone is validated above). */
function lifecycleFailures(
  v: Parsed,
  given: Record<string, unknown>,
  unknown: Record<string, unknown>,
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const has = (field: string) => field in unknown || (given[field] !== undefined && given[field] !== null);
  if (has("expireAfter") && has("expiresAt")) {
    failures.push({
      property: "expireAfter",
      reason:
        "expiresAt and expireAfter cannot both be set: use expiresAt for a fixed date, or expireAfter for a " +
        "lifetime that each rotation renews. Remove one of them",
    });
  }
  if (has("rotateBefore") && !has("expireAfter")) {
    failures.push({
      property: "rotateBefore",
      reason:
        'rotateBefore needs expireAfter: the rotation window is counted back from the expiry expireAfter sets. Add expireAfter (e.g. "90d") or remove rotateBefore',
    });
  }
  if (v.rotateBefore !== undefined && v.expireAfter !== undefined) {
    const before = parseDuration(v.rotateBefore);
    const after = parseDuration(v.expireAfter);
    if (before.ok && after.ok && before.ms >= after.ms) {
      failures.push({
        property: "rotateBefore",
        reason: `rotateBefore (${v.rotateBefore}) must be shorter than expireAfter (${v.expireAfter}), or every key would be due for rotation the moment it is made. Shorten rotateBefore`,
      });
    }
  }
  if (has("adoptKeyValue")) {
    if (!has("adoptKeyId")) {
      failures.push({
        property: "",
        reason:
          "adoptKeyValue is only used with adoptKeyId (the id of the key whose secret it is). Add adoptKeyId or remove adoptKeyValue",
      });
    } else if (!("adoptKeyValue" in unknown) && typeof v.adoptKeyValue !== "string") {
      failures.push({
        property: "",
        reason: "adoptKeyValue must be the adopted key's secret, as a string (pass it with pulumi.secret)",
      });
    }
  }
  return failures;
}

/** Reads normalised inputs back from state written by check (tolerant of older states lacking defaults). */
export function normalisedFrom(
  state: Record<string, unknown>,
): Partial<ApiKeyInputs> & Record<string, unknown> {
  const out: Record<string, unknown> = { ...state };
  out.apiKeyType ??= "INFERENCE";
  out.limitPeriod ??= "EPOCH";
  out.modelPrivacy ??= "ALL";
  return out as Partial<ApiKeyInputs> & Record<string, unknown>;
}
