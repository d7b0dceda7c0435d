import { checkInputs } from "../../provider/core/inputs";
import { BAD_INPUT, withBadInput } from "../fixtures/badInput";

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

describe("bad input is rejected with the field and the fix", () => {
  test.each(BAD_INPUT)("%s", (_name, args, field, fix) => {
    const { failures } = check(withBadInput(args));
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

describe("rotation and adoption arguments", () => {
  test("are kept as declared, durations as written", () => {
    const inputs = check({
      description: "ci",
      expireAfter: "90d",
      rotateBefore: "14d",
      retireAfter: "1h30m",
      rotationTrigger: { quarter: "2027-Q1", n: 2 },
    }).inputs;
    expect(inputs).toMatchObject({
      expireAfter: "90d",
      rotateBefore: "14d",
      retireAfter: "1h30m",
      rotationTrigger: { quarter: "2027-Q1", n: 2 },
    });
    expect(inputs).not.toHaveProperty("expiresAt");
  });

  test("adoption arguments pass through", () => {
    const id = "7b1d6c47-9b7b-4b40-8f0b-8d8a0a3f6d11";
    expect(
      check({ description: "ci", adoptKeyId: id, adoptKeyValue: "VENICE_INFERENCE_KEY_abc" }).inputs,
    ).toMatchObject({ adoptKeyId: id, adoptKeyValue: "VENICE_INFERENCE_KEY_abc" });
  });

  test("a failure about adoptKeyValue never names the property, so its secret value is not printed", () => {
    const { failures } = check({ description: "ci", adoptKeyValue: "VENICE_INFERENCE_KEY_secret" });
    expect(failures).toHaveLength(1);
    expect(failures[0]!.property).toBe("");
    expect(failures[0]!.reason).not.toContain("VENICE_INFERENCE_KEY_secret");
  });

  test("rotateBefore may be any duration shorter than expireAfter", () => {
    expect(check({ description: "ci", expireAfter: "1h", rotateBefore: "3585s" }).failures).toEqual([]);
  });
});
