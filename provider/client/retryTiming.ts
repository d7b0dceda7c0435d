/**
 * When to retry and how long to wait: pure functions of the answer, the attempt number and the clock.
 *
 * Venice asks clients to retry 429, 500 and 503 with exponential backoff and jitter and never to retry
 * other 4xx: more than 50 failed 4xx answers in 30 s lock the caller out. 502 and 504 come from proxies
 * in front of Venice and are as transient as 503.
 */
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE.has(status);
}

/** First backoff step. Short enough that a blip costs little, long enough not to hammer a struggling API. */
export const BASE_DELAY_MS = 250;
/** Ceiling of one wait. Venice's windows are 30 s (error budget) and 60 s (creations); a wait never needs more. */
export const MAX_DELAY_MS = 15_000;

/** "Full jitter" exponential backoff: spreads retries of many parallel resources instead of syncing them. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling * random());
}

/**
 * A wait the server asked for, if any. Venice documents `Retry-After` (seconds) only for overloaded
 * models, and two reset headers whose unit is disputed (seconds or milliseconds since the epoch);
 * values too large to be seconds are read as milliseconds.
 */
export function serverRequestedDelay(
  headers: Record<string, string | undefined>,
  nowMs: number,
): number | undefined {
  const retryAfter = headers["retry-after"];
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  for (const name of ["x-ratelimit-reset-requests", "x-ratelimit-resets"]) {
    const raw = headers[name];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!Number.isFinite(value)) continue;
    const epochMs = value > 1e11 ? value : value * 1000;
    return Math.max(0, epochMs - nowMs);
  }
  return undefined;
}

/** The wait before the next attempt: the server's request when it made one, else backoff; never past the budget. */
export function nextDelay(args: {
  attempt: number;
  headers: Record<string, string | undefined>;
  nowMs: number;
  remainingBudgetMs: number;
  random?: () => number;
}): number | undefined {
  const requested = serverRequestedDelay(args.headers, args.nowMs);
  const delay =
    requested !== undefined
      ? Math.min(requested + 50, MAX_DELAY_MS * 4)
      : backoffDelay(args.attempt, args.random);
  return delay <= args.remainingBudgetMs ? delay : undefined;
}
