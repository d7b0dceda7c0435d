import { durationMs, type ApiKeyInputs } from "../../domain";

/**
 * Rotation and retirement as pure functions of (declared inputs, state, now): no network, no clock of
 * their own. A key with `expireAfter` lives that long from its creation; inside the last `rotateBefore`
 * of its life it is "ready for rotation", and diff plans its replacement so that the drift gate fails
 * days before an outage instead of after it.
 */

/**
 * Venice stamps `createdAt` with its clock, we computed `expiresAt` with ours when we created the key.
 * Differences below this are clock skew and transit, not someone editing the expiry in the dashboard.
 */
export const EXPIRY_SKEW_MS = 5 * 60_000;

export interface LifetimeState {
  /** When this provider started the key's lifetime: its creation, its adoption, or the update that first gave it `expireAfter`. */
  issuedAt?: string;
  /** Venice's creation stamp, once known (a refresh fills it in); the anchor for state written before `issuedAt` existed. */
  createdAt?: string;
  /** The key's expiry as last seen (state). */
  expiresAt?: string;
  /** The lifetime the key had in state; undefined when `expireAfter` is newly declared. */
  expireAfter?: string;
}

/**
 * The expiry a key with `expireAfter` should have: the start of its lifetime plus its length. A
 * lifetime newly declared on an existing key starts now; otherwise the anchor is `issuedAt`, else
 * Venice's `createdAt`, else the start implied by the old lifetime. An expiry within `EXPIRY_SKEW_MS`
 * of the plan is kept as it is, so that clock skew never shows as drift.
 */
export function plannedExpiry(state: LifetimeState, expireAfter: string, now: Date): string {
  const lifetime = durationMs(expireAfter);
  const current = state.expiresAt ? Date.parse(state.expiresAt) : undefined;
  const anchor = lifetimeStart(state, now);
  const planned = anchor + lifetime;
  if (current !== undefined && Math.abs(current - planned) <= EXPIRY_SKEW_MS) return state.expiresAt!;
  return new Date(planned).toISOString();
}

/** Where a key's lifetime is counted from (see plannedExpiry). */
export function lifetimeStart(state: LifetimeState, now: Date): number {
  if (!state.expireAfter) return now.getTime();
  if (state.issuedAt) return Date.parse(state.issuedAt);
  if (state.createdAt) return Date.parse(state.createdAt);
  if (state.expiresAt) return Date.parse(state.expiresAt) - durationMs(state.expireAfter);
  return now.getTime();
}

/** A new key's expiry: now plus its lifetime. */
export function expiryFromNow(expireAfter: string, now: Date): string {
  return new Date(now.getTime() + durationMs(expireAfter)).toISOString();
}

/**
 * Whether `now` is inside `[expiresAt - rotateBefore, ...)`. Only keys with `expireAfter` rotate by
 * time: a fixed `expiresAt` would give the replacement the same date. Without `rotateBefore` the window
 * opens at the expiry itself.
 */
export function readyForRotation(
  key: { expiresAt?: string; expireAfter?: string; rotateBefore?: string },
  now: Date,
): boolean {
  if (!key.expireAfter || !key.expiresAt) return false;
  const early = key.rotateBefore ? durationMs(key.rotateBefore) : 0;
  return now.getTime() >= Date.parse(key.expiresAt) - early;
}

/**
 * The expiry a retired key gets: now plus the overlap, never later than an expiry it already had
 * (retirement must never extend a key's life).
 */
export function retirementExpiry(retireAfter: string, currentExpiry: string | undefined, now: Date): string {
  const overlapEnd = now.getTime() + durationMs(retireAfter);
  const current = currentExpiry ? Date.parse(currentExpiry) : Number.POSITIVE_INFINITY;
  return new Date(Math.min(overlapEnd, current)).toISOString();
}

/** The declared key with its expiry made concrete for a key that starts its life now (create, adoption). */
export function startingNow(inputs: ApiKeyInputs, now: Date): { target: ApiKeyInputs; issuedAt?: string } {
  if (inputs.expireAfter === undefined) return { target: inputs };
  return {
    target: { ...inputs, expiresAt: expiryFromNow(inputs.expireAfter, now) },
    issuedAt: now.toISOString(),
  };
}

/** After an update: a lifetime newly declared starts now; an existing one keeps its start. */
export function issuedAtAfterUpdate(
  olds: { expireAfter?: string; issuedAt?: string },
  news: { expireAfter?: string },
  now: Date,
): string | undefined {
  if (news.expireAfter === undefined) return undefined;
  return olds.expireAfter === undefined ? now.toISOString() : olds.issuedAt;
}

/** A retirement closer than this to the key's own end is left to Venice: the PATCH could arrive too late. */
export const RETIRE_MIN_MS = 10_000;

/**
 * The expiry to give a key being retired, or undefined when it ends on its own within RETIRE_MIN_MS
 * anyway (see retirementExpiry).
 */
export function retirementPlan(
  retireAfter: string,
  currentExpiry: string | undefined,
  now: Date,
): string | undefined {
  const expiresAt = retirementExpiry(retireAfter, currentExpiry, now);
  return Date.parse(expiresAt) - now.getTime() < RETIRE_MIN_MS ? undefined : expiresAt;
}
