/**
 * Durations as users write them for expireAfter, rotateBefore and retireAfter: one or more
 * `<integer><unit>` parts, unit s, m, h, d or w ("90d", "24h", "1h30m", "3585s"). Days and weeks are
 * fixed 86 400 s and 604 800 s: key lifetimes are spans of time, not calendar dates, and Venice stores
 * expiry as a UTC instant, so a daylight-saving change must not move them.
 */
/** A day in milliseconds, for whatever counts in days (lifetimes, the audit's ages, the policy). */
export const DAY_MS = 86_400_000;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS } as const;
const WHOLE = /^(?:\d+[smhdw])+$/;
const PART = /(\d+)([smhdw])/g;

export const DURATION_GRAMMAR =
  'one or more <integer><unit> parts with unit s, m, h, d or w, e.g. "90d", "24h", "1h30m"';

export type DurationParse = { ok: true; ms: number } | { ok: false; reason: string };

export function parseDuration(raw: unknown): DurationParse {
  if (typeof raw !== "string") {
    return { ok: false, reason: `must be a duration string, ${DURATION_GRAMMAR}; got ${typeof raw}` };
  }
  if (!WHOLE.test(raw)) {
    return { ok: false, reason: `"${raw}" is not a duration; write ${DURATION_GRAMMAR}` };
  }
  let ms = 0;
  for (const [, count, unit] of raw.matchAll(PART))
    ms += Number(count) * UNIT_MS[unit as keyof typeof UNIT_MS];
  if (ms <= 0) return { ok: false, reason: `"${raw}" is zero; a duration must be longer than that` };
  if (!Number.isSafeInteger(ms) || ms > 100 * 365 * UNIT_MS.d) {
    return {
      ok: false,
      reason: `"${raw}" is longer than 100 years; Venice keys cannot live that long usefully`,
    };
  }
  return { ok: true, ms };
}

/** For values already validated by check (state written by this provider). */
export function durationMs(raw: string): number {
  const parsed = parseDuration(raw);
  if (!parsed.ok) throw new Error(`invalid duration in state: ${parsed.reason}`);
  return parsed.ms;
}
