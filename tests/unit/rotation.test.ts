import {
  EXPIRY_SKEW_MS,
  expiryFromNow,
  plannedExpiry,
  readyForRotation,
  retirementExpiry,
} from "../../provider/core/rotation";

const NOW = new Date("2027-01-01T00:00:00.000Z");
const at = (iso: string) => new Date(iso);

describe("the rotation window", () => {
  const key = { expiresAt: "2027-04-01T00:00:00.000Z", expireAfter: "90d", rotateBefore: "14d" };

  test("is closed before expiresAt - rotateBefore", () => {
    expect(readyForRotation(key, at("2027-03-17T23:59:59.999Z"))).toBe(false);
  });

  test("opens exactly at expiresAt - rotateBefore", () => {
    expect(readyForRotation(key, at("2027-03-18T00:00:00.000Z"))).toBe(true);
  });

  test("stays open at and after the expiry", () => {
    expect(readyForRotation(key, at("2027-04-01T00:00:00.000Z"))).toBe(true);
    expect(readyForRotation(key, at("2027-05-01T00:00:00.000Z"))).toBe(true);
  });

  test("without rotateBefore opens at the expiry itself", () => {
    const late = { expiresAt: key.expiresAt, expireAfter: "90d" };
    expect(readyForRotation(late, at("2027-03-31T23:59:59.999Z"))).toBe(false);
    expect(readyForRotation(late, at("2027-04-01T00:00:00.000Z"))).toBe(true);
  });

  test("never opens for a key without expireAfter (a fixed date would be given to the new key too)", () => {
    expect(readyForRotation({ expiresAt: key.expiresAt }, at("2027-05-01T00:00:00.000Z"))).toBe(false);
  });
});

describe("planned expiry of a key with expireAfter", () => {
  test("a new key expires expireAfter from now", () => {
    expect(expiryFromNow("1h30m", NOW)).toBe("2027-01-01T01:30:00.000Z");
  });

  test("is not recomputed from now while the key lives", () => {
    const state = {
      issuedAt: "2026-12-01T00:00:00.000Z",
      expiresAt: "2027-03-01T00:00:00.000Z",
      expireAfter: "90d",
    };
    expect(plannedExpiry(state, "90d", NOW)).toBe("2027-03-01T00:00:00.000Z");
  });

  test("a dashboard edit of the expiry is undone: the plan is the lifetime's start plus its length", () => {
    const state = {
      issuedAt: "2026-12-01T00:00:00.000Z",
      expiresAt: "2028-01-01T00:00:00.000Z",
      expireAfter: "90d",
    };
    expect(plannedExpiry(state, "90d", NOW)).toBe("2027-03-01T00:00:00.000Z");
  });

  test("Venice's createdAt within the skew margin of our own clock is no drift", () => {
    const state = {
      createdAt: new Date(Date.parse("2026-12-01T00:00:00.000Z") + EXPIRY_SKEW_MS - 1).toISOString(),
      expiresAt: "2027-03-01T00:00:00.000Z",
      expireAfter: "90d",
    };
    expect(plannedExpiry(state, "90d", NOW)).toBe("2027-03-01T00:00:00.000Z");
  });

  test("a changed lifetime keeps its start and moves the expiry", () => {
    const state = {
      issuedAt: "2026-12-01T00:00:00.000Z",
      expiresAt: "2027-03-01T00:00:00.000Z",
      expireAfter: "90d",
    };
    expect(plannedExpiry(state, "30d", NOW)).toBe("2026-12-31T00:00:00.000Z");
  });

  test("a lifetime newly declared on an existing key starts now", () => {
    const state = { createdAt: "2025-01-01T00:00:00.000Z", expiresAt: "2031-01-01T00:00:00.000Z" };
    expect(plannedExpiry(state, "30d", NOW)).toBe("2027-01-31T00:00:00.000Z");
  });

  test("state without issuedAt or createdAt counts from the start its old lifetime implies", () => {
    const state = { expiresAt: "2027-03-01T00:00:00.000Z", expireAfter: "90d" };
    expect(plannedExpiry(state, "60d", NOW)).toBe("2027-01-30T00:00:00.000Z");
  });
});

describe("retirement", () => {
  test("moves the expiry to now + retireAfter", () => {
    expect(retirementExpiry("24h", undefined, NOW)).toBe("2027-01-02T00:00:00.000Z");
  });

  test("never extends an expiry the key already had", () => {
    expect(retirementExpiry("7d", "2027-01-03T00:00:00.000Z", NOW)).toBe("2027-01-03T00:00:00.000Z");
  });
});
