import { z } from "zod";
import { apiKeyTypeSchema, DEFAULTS, limitPeriodSchema, modelPrivacySchema } from "../../domain";

/**
 * Venice's answers as the spec documents them. Parsing is tolerant of extra fields (Venice adds fields
 * over time) and strict about the ones the provider relies on.
 */
const nullableAmount = z
  .number()
  .nullable()
  .optional()
  .transform((v) => v ?? null);

export const capsSchema = z.object({ usd: nullableAmount, diem: nullableAmount, vcu: nullableAmount });

/** The read-side key (list, get, update answers): plural `consumptionLimits`, no secret. */
export const veniceKeySchema = z.object({
  id: z.string().min(1),
  apiKeyType: apiKeyTypeSchema,
  description: z.string(),
  createdAt: z.string().nullable().optional(),
  expiresAt: z.string().nullable().optional(),
  lastUsedAt: z.string().nullable().optional(),
  last6Chars: z.string().optional(),
  consumptionLimits: capsSchema.optional(),
  // Older keys predate these fields; Venice's documented defaults apply.
  limitPeriod: limitPeriodSchema.default(DEFAULTS.limitPeriod),
  modelPrivacy: modelPrivacySchema.default(DEFAULTS.modelPrivacy),
});

/** The create answer: the only time the secret is returned; singular `consumptionLimit`. */
export const createdKeySchema = z.object({
  id: z.string().min(1),
  apiKey: z.string().min(1),
  apiKeyType: apiKeyTypeSchema,
  description: z.string(),
  expiresAt: z.string().nullable().optional(),
  consumptionLimit: capsSchema.optional(),
  limitPeriod: limitPeriodSchema.default(DEFAULTS.limitPeriod),
  modelPrivacy: modelPrivacySchema.default(DEFAULTS.modelPrivacy),
});

export const createAnswer = z.object({ data: createdKeySchema });
export const listAnswer = z.object({ data: z.array(veniceKeySchema) });
export const getAnswer = z.object({ data: veniceKeySchema });
export const updateAnswer = z.object({ data: veniceKeySchema });
export const deleteAnswer = z.object({ success: z.boolean().optional() }).passthrough();

/** Error bodies: StandardError `{error}` or DetailedError `{error, issues}`. */
export const errorBody = z.object({
  error: z.string().optional(),
  issues: z
    .array(z.object({ path: z.array(z.union([z.string(), z.number()])).optional(), message: z.string() }))
    .optional(),
});

export type VeniceKey = z.infer<typeof veniceKeySchema>;
export type CreatedKey = z.infer<typeof createdKeySchema>;
export type Caps = z.infer<typeof capsSchema>;
export type { ApiKeyType, LimitPeriod, ModelPrivacy } from "../../domain";
