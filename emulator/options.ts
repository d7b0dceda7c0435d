import type { Clock } from "./clock";

/**
 * Behaviour switches for points Venice does not document. Defaults follow shared/venice-api.md's
 * [choice] entries; each alternative exists so the client can be tested against both readings.
 */
export interface Behaviour {
  /** Status for an unknown id on GET /api_keys/{id}. Venice answers 400; some proxies turn it into 404. */
  notFoundStatus: 400 | 404;
  /** Whether a date-only `expiresAt` means 00:00 UTC of that day (our reading) or 23:59:59.999 UTC. */
  dateOnlyExpiresAt: "start-of-day" | "end-of-day";
  /** Whether an `expiresAt` in the past is a 400 (our reading) or accepted (the key is born expired). */
  pastExpiresAt: "reject" | "accept";
  /** Whether a PATCH with only some currencies keeps the others (our reading) or clears them. */
  partialLimitUpdate: "merge" | "replace";
  /** Unit of `x-ratelimit-reset-requests` on a creation 429: disputed between Venice's docs and skills. */
  resetHeaderUnit: "seconds" | "milliseconds";
}

export interface Limits {
  /** Key creations allowed per `creationWindowMs` for the account (Venice: 20 per minute). */
  creationsPerWindow: number;
  creationWindowMs: number;
  /** Active keys per account (Venice: 500; expired and deleted keys do not count). */
  maxActiveKeys: number;
  /** More than this many non-429 4xx answers within `errorBudgetWindowMs` block the caller (Venice: 50 in 30 s). */
  errorBudget: number;
  errorBudgetWindowMs: number;
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** The bootstrap ADMIN key. Generated when absent. It authenticates but is not one of the listed keys. */
  adminKey?: string;
  clock?: Clock;
  /** JSON file to load at start and to write after every change. */
  stateFile?: string;
  /** Serve the /_emulator control API (default true). */
  control?: boolean;
  limits?: Partial<Limits>;
  behaviour?: Partial<Behaviour>;
}

export const DEFAULT_LIMITS: Limits = {
  creationsPerWindow: 20,
  creationWindowMs: 60_000,
  maxActiveKeys: 500,
  errorBudget: 50,
  errorBudgetWindowMs: 30_000,
};

export const DEFAULT_BEHAVIOUR: Behaviour = {
  notFoundStatus: 400,
  dateOnlyExpiresAt: "start-of-day",
  pastExpiresAt: "reject",
  partialLimitUpdate: "merge",
  resetHeaderUnit: "milliseconds",
};
