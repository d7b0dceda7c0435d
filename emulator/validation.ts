import { z } from "zod";

/**
 * Venice's request schemas as the spec describes them. Bodies are strict: an unknown field is a 400.
 * Written independently of the provider's client on purpose.
 */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

const expiresAtText = z.string().refine((s) => s === "" || isCalendarValid(s), {
  message: "expiresAt must be empty, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.sss]Z",
});

function isCalendarValid(s: string): boolean {
  if (!DATE_ONLY.test(s) && !DATE_TIME.test(s)) return false;
  const iso = DATE_ONLY.test(s) ? `${s}T00:00:00.000Z` : s;
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) return false;
  // Reject rolled-over dates such as 2027-02-30, which Date silently moves to March.
  return parsed.toISOString().slice(0, 10) === s.slice(0, 10);
}

const amount = z.number().min(0).max(9_999_999_999).nullable();

const capsInput = z.strictObject({ usd: amount.optional(), diem: amount.optional(), vcu: amount.optional() });

export const keyTypeSchema = z.enum(["INFERENCE", "ADMIN"]);
export const periodSchema = z.enum(["EPOCH", "MONTH", "LIFETIME"]);
export const privacySchema = z.enum(["ALL", "PRIVATE_TEXT", "PRIVATE_ONLY"]);

export const createBody = z.strictObject({
  apiKeyType: keyTypeSchema,
  description: z.string().min(1).max(64),
  expiresAt: expiresAtText.optional(),
  consumptionLimit: capsInput.optional(),
  limitPeriod: periodSchema.optional(),
  modelPrivacy: privacySchema.optional(),
});

export const updateBody = z.strictObject({
  id: z.string().min(1),
  description: z.string().min(1).max(64).optional(),
  expiresAt: expiresAtText.nullable().optional(),
  consumptionLimit: capsInput.optional(),
  limitPeriod: periodSchema.optional(),
  modelPrivacy: privacySchema.optional(),
});

export type CreateBody = z.infer<typeof createBody>;
export type UpdateBody = z.infer<typeof updateBody>;

/** Venice's DetailedError: a zod format tree under `details` and the flat issue list. */
export function detailedError(error: z.ZodError): Record<string, unknown> {
  return {
    error: "Invalid request parameters",
    details: z.formatError(error),
    issues: error.issues.map((i) => ({ code: i.code, path: i.path, message: i.message })),
  };
}

/** A DetailedError for one rule checked outside zod (such as a past expiry). */
export function singleIssue(path: string, message: string): Record<string, unknown> {
  return {
    error: "Invalid request parameters",
    details: { _errors: [], [path]: { _errors: [message] } },
    issues: [{ code: "custom", path: [path], message }],
  };
}

/** Turns a validated expiresAt into the stored form; "" and null mean "never". */
export function toExpiry(
  value: string | null | undefined,
  dateOnly: "start-of-day" | "end-of-day",
): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (DATE_ONLY.test(value)) {
    return dateOnly === "start-of-day" ? `${value}T00:00:00.000Z` : `${value}T23:59:59.999Z`;
  }
  return new Date(value).toISOString();
}
