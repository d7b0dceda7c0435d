import { isExpired, parseExpiry } from "../../domain";

test.each([
  ["2027-06-30", "2027-06-30T00:00:00.000Z"],
  ["2027-06-30T23:59:59Z", "2027-06-30T23:59:59.000Z"],
  ["2027-06-30T23:59:59.5Z", "2027-06-30T23:59:59.500Z"],
  ["2028-02-29", "2028-02-29T00:00:00.000Z"],
])("%s is read as %s", (raw, iso) => {
  expect(parseExpiry(raw)).toEqual({ ok: true, iso });
});

test("a non-leap 29 February is refused", () => {
  expect(parseExpiry("2027-02-29").ok).toBe(false);
});

test("expiry is reached at the instant itself", () => {
  expect(isExpired("2027-01-01T00:00:00.000Z", new Date("2027-01-01T00:00:00.000Z"))).toBe(true);
  expect(isExpired("2027-01-01T00:00:00.000Z", new Date("2026-12-31T23:59:59.999Z"))).toBe(false);
  expect(isExpired(undefined, new Date())).toBe(false);
});
