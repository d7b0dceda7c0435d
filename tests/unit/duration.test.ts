import { parseDuration } from "../../domain";

test.each([
  ["90d", 90 * 86_400_000],
  ["24h", 86_400_000],
  ["1h30m", 5_400_000],
  ["3585s", 3_585_000],
  ["2w", 14 * 86_400_000],
  ["1w2d3h4m5s", 604_800_000 + 2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5_000],
])("%s is %d ms", (raw, ms) => {
  expect(parseDuration(raw)).toEqual({ ok: true, ms });
});

test.each(["", "90", "d", "1.5h", "-1d", "1 d", "1D", "1y", "P90D", "1h 30m"])(
  "%j is refused with the grammar",
  (raw) => {
    const parsed = parseDuration(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/<integer><unit>.*s, m, h, d or w/);
  },
);

test("a zero duration is refused", () => {
  expect(parseDuration("0d")).toEqual({ ok: false, reason: expect.stringMatching(/zero/) });
});

test("a non-string is refused, naming what it was", () => {
  expect(parseDuration(90)).toEqual({ ok: false, reason: expect.stringMatching(/got number/) });
});

test("days are fixed 24-hour spans, unaffected by daylight saving", () => {
  expect(parseDuration("1d")).toEqual({ ok: true, ms: 24 * 3_600_000 });
});
