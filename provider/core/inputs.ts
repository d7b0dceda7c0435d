import { z } from "zod";
import {
  ADOPTION_FIELDS,
  apiKeyTypeSchema,
  CURRENCIES,
  DEFAULTS,
  FIELDS,
  isExpired,
  LIFECYCLE_FIELDS,
  limitPeriodSchema,
  MAX_DESCRIPTION,
  MAX_LIMIT,
  modelPrivacySchema,
  parseDuration,
  parseExpiry,
  type ApiKeyInputs,
  type ApiKeyType,
  type ConsumptionLimit,
  type Field,
  type LimitPeriod,
  type ModelPrivacy,
  type RotationTrigger,
} from "../../domain";
import { containsUnknown } from "./unknown";

export type { ApiKeyInputs, ApiKeyType, ConsumptionLimit, LimitPeriod, ModelPrivacy, RotationTrigger };
export { ADOPTION_FIELDS, FIELDS, LIFECYCLE_FIELDS, MAX_DESCRIPTION, MAX_LIMIT };
export { VENICE_FIELDS } from "../../domain";

export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * What check makes of a declaration. `inputs` is meaningful only without failures. During preview a
 * field computed by another resource holds Pulumi's unknown sentinel (see unknown.ts) instead of its
 * value: it passes through unvalidated, and diff treats it as changed.
 */
export interface CheckedInputs {
  inputs: ApiKeyInputs;
  failures: CheckFailure[];
}

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

const KEY_TYPES = apiKeyTypeSchema.options;
const PERIODS = limitPeriodSchema.options;
const PRIVACIES = modelPrivacySchema.options;

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
    } else if (!(CURRENCIES as readonly string[]).includes(key)) {
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
} as const satisfies Record<Field, z.ZodType>;

/** The arguments that passed their own schema, as those schemas output them. */
type Parsed = { [F in keyof typeof fieldSchemas]?: z.output<(typeof fieldSchemas)[F]> };

/**
 * Validates and normalises a resource's declared arguments. Pure: `now` is passed in, nothing is sent to
 * Venice. Fields whose value is still unknown (preview) are passed through unvalidated.
 */
export function checkInputs(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  now: Date,
): CheckedInputs {
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

  const inputs: Partial<ApiKeyInputs> = {
    apiKeyType: v.apiKeyType ?? DEFAULTS.apiKeyType,
    limitPeriod: v.limitPeriod ?? DEFAULTS.limitPeriod,
    modelPrivacy: v.modelPrivacy ?? DEFAULTS.modelPrivacy,
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

  const caps: ConsumptionLimit = {};
  for (const currency of CURRENCIES) {
    const amount = v.consumptionLimit?.[currency];
    if (typeof amount === "number") caps[currency] = amount;
  }
  if (Object.keys(caps).length > 0) inputs.consumptionLimit = caps;

  // limitPeriod without a consumptionLimit is accepted, as Venice accepts it (its dashboard sets it on
  // keys without caps): it governs nothing until a cap is set, and imports of such keys round-trip.

  failures.push(...lifecycleFailures(v, given, unknown));
  if (v.rotationTrigger !== undefined) inputs.rotationTrigger = v.rotationTrigger;
  if (v.expireAfter !== undefined) inputs.expireAfter = v.expireAfter;
  if (v.rotateBefore !== undefined) inputs.rotateBefore = v.rotateBefore;
  if (v.retireAfter !== undefined) inputs.retireAfter = v.retireAfter;
  if (v.adoptKeyId !== undefined) inputs.adoptKeyId = v.adoptKeyId;
  if (typeof v.adoptKeyValue === "string") inputs.adoptKeyValue = v.adoptKeyValue;

  // Values still unknown at preview stand in for the ones they will become (see CheckedInputs); without
  // failures, description is there (given, or unknown), so the inputs are complete.
  return { inputs: Object.assign(inputs, unknown) as ApiKeyInputs, failures };
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
export function normalisedFrom<T extends Partial<ApiKeyInputs>>(
  state: T,
): T & Omit<ApiKeyInputs, "description"> {
  return {
    ...state,
    apiKeyType: state.apiKeyType ?? DEFAULTS.apiKeyType,
    limitPeriod: state.limitPeriod ?? DEFAULTS.limitPeriod,
    modelPrivacy: state.modelPrivacy ?? DEFAULTS.modelPrivacy,
  };
}
