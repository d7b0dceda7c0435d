/**
 * Every assumption about Venice's admin API that the provider (and the emulator, by default) makes,
 * under the stable id a check of it reports (users paste these ids into bug reports). `switch` names the
 * emulator behaviour switch that offers the other reading, whose default is this assumption.
 */
export interface Assumption {
  id: string;
  assumed: string;
  switch?: string;
}

export const ASSUMPTIONS = [
  { id: "auth.admin", assumed: "the admin key lists keys: GET /api_keys answers 200" },
  { id: "date-header", assumed: "answers carry a Date header, within 5 min of our clock" },
  {
    id: "create.answer",
    assumed:
      "POST /api_keys answers with the provider's create schema, the secret in apiKey (and only there)",
  },
  {
    id: "get.fields",
    assumed: "GET /api_keys/{id} shows what was declared, createdAt and last6Chars, and no secret",
  },
  {
    id: "list.fields",
    assumed:
      "GET /api_keys shows the key as GET by id does, field for field, createdAt included, and no secret",
  },
  {
    id: "list.complete",
    assumed: "GET /api_keys lists every active key (none left out: not paged, filtered or stale)",
  },
  {
    id: "auth.inference-refused",
    assumed: 'an INFERENCE key on an admin route is refused: 401 "Admin API key required"',
  },
  {
    id: "update.fields",
    assumed:
      "PATCH /api_keys changes description, expiry, limits, period and privacy as sent, and its answer holds no secret",
  },
  { id: "update.expiry-null", assumed: "PATCH with expiresAt: null removes the expiry" },
  {
    id: "dateOnlyExpiresAt",
    assumed: "a date-only expiresAt means 00:00 UTC of that day",
    switch: "dateOnlyExpiresAt",
  },
  {
    id: "partialLimitUpdate",
    assumed: "a PATCH naming some currencies keeps the others",
    switch: "partialLimitUpdate",
  },
  { id: "delete.query", assumed: "DELETE /api_keys?id= deletes the key at once" },
  {
    id: "notFoundStatus",
    assumed: 'an unknown or deleted id on GET /api_keys/{id} is 400 "API key not found"',
    switch: "notFoundStatus",
  },
  {
    id: "delete.absent",
    assumed: "DELETE of a deleted key is a 400 whose text says not found (so a retried delete is done)",
  },
  {
    id: "update.absent",
    assumed: "PATCH of a deleted key is a 400 whose text says not found",
  },
  { id: "delete.path", assumed: "DELETE /api_keys/{id} deletes the key too" },
  {
    id: "pastExpiresAt",
    assumed: "an expiresAt in the past is refused with a 400",
    switch: "pastExpiresAt",
  },
  {
    id: "resetHeaderUnit",
    assumed: "a creation 429 carries x-ratelimit-reset-requests in Unix milliseconds",
    switch: "resetHeaderUnit",
  },
] as const satisfies readonly Assumption[];

export type CheckId = (typeof ASSUMPTIONS)[number]["id"];

export type Verdict = "ok" | "differs" | "breaks" | "skipped";

/** One check's outcome, as printed and as `--json` reports it. */
export interface CheckResult {
  id: CheckId;
  verdict: Verdict;
  assumed: string;
  observed: string;
  /** How the provider copes (differs), what it would get wrong (breaks), or why nothing was checked. */
  detail: string;
}

export function assumptionOf(id: CheckId): string {
  return ASSUMPTIONS.find((a) => a.id === id)!.assumed;
}
