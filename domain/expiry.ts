/**
 * Expiry dates: the forms users may write, and the one canonical form kept in state and sent to Venice.
 * Venice accepts `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SS[.sss]Z`, UTC only. Venice's reading of a date-only
 * value is undocumented, so the provider never sends one: it sends the full instant (midnight UTC) and
 * so gets back exactly what it compares against.
 */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const UTC_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:?\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

export type ExpiryParse = { ok: true; iso: string } | { ok: false; reason: string };

const FORMS = 'use "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SSZ" in UTC, e.g. "2027-06-30"';

export function parseExpiry(raw: string): ExpiryParse {
  if (OFFSET_DATE_TIME.test(raw)) {
    return {
      ok: false,
      reason: `"${raw}" has a UTC offset; Venice accepts only UTC. Convert it and end it with Z`,
    };
  }
  if (LOCAL_DATE_TIME.test(raw)) {
    return { ok: false, reason: `"${raw}" has no time zone; Venice needs UTC. Add a trailing Z` };
  }
  const match = DATE_ONLY.exec(raw) ?? UTC_DATE_TIME.exec(raw);
  if (!match) return { ok: false, reason: `"${raw}" is not a date Venice accepts; ${FORMS}` };
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = ""] = match;
  const ms = Number((frac.slice(1) + "000").slice(0, 3));
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms));
  const calendarOk =
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(mo) - 1 &&
    date.getUTCDate() === Number(d) &&
    date.getUTCHours() === Number(h) &&
    date.getUTCMinutes() === Number(mi) &&
    date.getUTCSeconds() === Number(s);
  if (!calendarOk) return { ok: false, reason: `"${raw}" is not a real calendar date and time; ${FORMS}` };
  return { ok: true, iso: date.toISOString() };
}

/** Whether a canonical expiry has passed at `now`. */
export function isExpired(expiresAt: string | undefined, now: Date): boolean {
  return expiresAt !== undefined && Date.parse(expiresAt) <= now.getTime();
}
