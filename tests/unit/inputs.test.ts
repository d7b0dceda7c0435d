import { checkInputs } from "../../provider/inputs";

const NOW = new Date("2026-11-28T12:00:00.000Z");
const check = (news: Record<string, unknown>, olds: Record<string, unknown> = {}) =>
  checkInputs(olds, news, NOW);

describe("normalisation", () => {
  test("defaults apiKeyType, limitPeriod and modelPrivacy", () => {
    expect(check({ description: "ci" })).toEqual({
      inputs: { description: "ci", apiKeyType: "INFERENCE", limitPeriod: "EPOCH", modelPrivacy: "ALL" },
      failures: [],
    });
  });

  test("a date-only expiry becomes midnight UTC in canonical form", () => {
    expect(check({ description: "ci", expiresAt: "2027-06-30" }).inputs.expiresAt).toBe(
      "2027-06-30T00:00:00.000Z",
    );
  });

  test("a UTC date-time keeps its instant, with milliseconds made explicit", () => {
    expect(check({ description: "ci", expiresAt: "2027-06-30T12:30:00Z" }).inputs.expiresAt).toBe(
      "2027-06-30T12:30:00.000Z",
    );
  });

  test("null currencies and an empty limit mean no cap", () => {
    expect(check({ description: "ci", consumptionLimit: { usd: null } }).inputs).not.toHaveProperty(
      "consumptionLimit",
    );
    expect(check({ description: "ci", consumptionLimit: {} }).inputs).not.toHaveProperty("consumptionLimit");
  });

  test("0 is kept: it blocks spending", () => {
    expect(check({ description: "ci", consumptionLimit: { usd: 0 } }).inputs.consumptionLimit).toEqual({
      usd: 0,
    });
  });

  test("values unknown during preview pass through unvalidated", () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const result = check({ description: unknown, consumptionLimit: { usd: unknown }, limitPeriod: "MONTH" });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({ description: unknown, consumptionLimit: { usd: unknown } });
  });

  test("an unchanged expiry that has since passed is not rejected again", () => {
    const olds = { description: "ci", expiresAt: "2026-01-01T00:00:00.000Z" };
    expect(check({ description: "ci", expiresAt: "2026-01-01" }, olds).failures).toEqual([]);
  });

  test("__provider is not treated as an argument", () => {
    expect(check({ description: "ci", __provider: "exports.handler = ..." }).failures).toEqual([]);
  });
});

/** [case, arguments, field named, words the fix must contain] */
const BAD_INPUT: Array<[string, Record<string, unknown>, string, RegExp]> = [
  ["missing description", {}, "description", /required/],
  ["empty description", { description: "" }, "description", /must not be empty/],
  [
    "65-character description",
    { description: "d".repeat(65) },
    "description",
    /65 characters.*at most 64.*Shorten/,
  ],
  ["numeric description", { description: 42 }, "description", /must be a string/],
  ["unknown apiKeyType", { apiKeyType: "READONLY" }, "apiKeyType", /"INFERENCE", "ADMIN".*got "READONLY"/],
  ["lower-case apiKeyType", { apiKeyType: "admin" }, "apiKeyType", /must be one of/],
  ["expiry in the past", { expiresAt: "2020-01-01" }, "expiresAt", /in the past.*future date/],
  ["malformed date", { expiresAt: "30/06/2027" }, "expiresAt", /YYYY-MM-DD/],
  ["impossible calendar date", { expiresAt: "2027-02-30" }, "expiresAt", /not a real calendar date/],
  ["month 13", { expiresAt: "2027-13-01" }, "expiresAt", /not a real calendar date/],
  ["date-time with an offset", { expiresAt: "2027-06-30T10:00:00+02:00" }, "expiresAt", /UTC offset.*Z/],
  ["date-time without a zone", { expiresAt: "2027-06-30T10:00:00" }, "expiresAt", /no time zone.*Z/],
  ["expiry as a number", { expiresAt: 1798675200 }, "expiresAt", /date string/],
  ["hour 25", { expiresAt: "2027-06-30T25:00:00Z" }, "expiresAt", /not a real calendar date/],
  [
    "usd above the maximum",
    { consumptionLimit: { usd: 10_000_000_000 } },
    "consumptionLimit",
    /between 0 and 9999999999/,
  ],
  [
    "negative diem",
    { consumptionLimit: { diem: -5 } },
    "consumptionLimit",
    /between 0 and 9999999999.*0 blocks/,
  ],
  ["NaN usd", { consumptionLimit: { usd: Number.NaN } }, "consumptionLimit", /between 0 and/],
  [
    "infinite usd",
    { consumptionLimit: { usd: Number.POSITIVE_INFINITY } },
    "consumptionLimit",
    /between 0 and/,
  ],
  ["string usd", { consumptionLimit: { usd: "25" } }, "consumptionLimit", /must be a number.*got "25"/],
  [
    "unknown currency",
    { consumptionLimit: { eur: 5 } },
    "consumptionLimit",
    /eur is not a currency.*usd and\/or diem/,
  ],
  [
    "deprecated vcu",
    { consumptionLimit: { vcu: 5 } },
    "consumptionLimit",
    /vcu.*deprecated.*use consumptionLimit\.diem/,
  ],
  ["limit as a number", { consumptionLimit: 25 }, "consumptionLimit", /must be an object such as \{ usd: 25/],
  ["limit as an array", { consumptionLimit: [25] }, "consumptionLimit", /must be an object/],
  [
    "limitPeriod without limits",
    { limitPeriod: "MONTH" },
    "limitPeriod",
    /only applies to a consumptionLimit/,
  ],
  [
    "unknown limitPeriod",
    { limitPeriod: "WEEKLY", consumptionLimit: { usd: 1 } },
    "limitPeriod",
    /"EPOCH", "MONTH", "LIFETIME"/,
  ],
  [
    "unknown modelPrivacy",
    { modelPrivacy: "PRIVATE" },
    "modelPrivacy",
    /"ALL", "PRIVATE_TEXT", "PRIVATE_ONLY"/,
  ],
  ["unknown argument", { allowedIps: ["11.22.33.0/24"] }, "allowedIps", /not an ApiKey argument.*Remove it/],
  ["misspelt argument", { expiresOn: "2027-01-01" }, "expiresOn", /not an ApiKey argument/],
];

describe("bad input is rejected with the field and the fix", () => {
  test.each(BAD_INPUT)("%s", (_name, args, field, fix) => {
    const news: Record<string, unknown> = { description: "ci", ...args };
    if (_name === "missing description") delete news.description;
    const { failures } = check(news);
    const failure = failures.find((f) => f.property === field);
    expect(failure).toBeDefined();
    expect(failure!.reason).toMatch(fix);
  });

  test("the table covers at least 25 cases", () => {
    expect(BAD_INPUT.length).toBeGreaterThanOrEqual(25);
  });

  test("every problem is reported at once, not one per preview", () => {
    const { failures } = check({
      description: "",
      apiKeyType: "X",
      expiresAt: "soon",
      consumptionLimit: { usd: -1, vcu: 2 },
    });
    expect(failures.map((f) => f.property).sort()).toEqual([
      "apiKeyType",
      "consumptionLimit",
      "consumptionLimit",
      "description",
      "expiresAt",
    ]);
  });
});
