import type { ApiKeyType } from "../../domain";
import { diffApiKey, type KeyState } from "../../provider/core/diff";
import type { ApiKeyInputs } from "../../provider/core/inputs";
import { updateRequest } from "../../provider/core/requests";

const BASE: ApiKeyInputs = {
  description: "ci",
  apiKeyType: "INFERENCE",
  expiresAt: "2027-06-30T00:00:00.000Z",
  consumptionLimit: { usd: 25, diem: 5 },
  limitPeriod: "EPOCH",
  modelPrivacy: "ALL",
};
const OUTPUTS = {
  ...BASE,
  key: "VENICE_INFERENCE_KEY_x",
  last6Chars: "abcdef",
  expired: false,
  __provider: "old code",
};
const { expiresAt: _e, consumptionLimit: _c, ...WITHOUT_OPTIONALS } = BASE;

/** [field, change, new inputs, expected PATCH fields besides id] */
const TABLE: Array<[string, string, ApiKeyInputs, Record<string, unknown>]> = [
  ["description", "change", { ...BASE, description: "ci2" }, { description: "ci2" }],
  [
    "expiresAt",
    "change",
    { ...BASE, expiresAt: "2028-01-01T00:00:00.000Z" },
    { expiresAt: "2028-01-01T00:00:00.000Z" },
  ],
  ["expiresAt", "clear", { ...BASE, expiresAt: undefined }, { expiresAt: null }],
  [
    "consumptionLimit.usd",
    "change",
    { ...BASE, consumptionLimit: { usd: 30, diem: 5 } },
    { consumptionLimit: { usd: 30, diem: 5 } },
  ],
  [
    "consumptionLimit.diem",
    "clear",
    { ...BASE, consumptionLimit: { usd: 25 } },
    { consumptionLimit: { usd: 25, diem: null } },
  ],
  [
    "consumptionLimit",
    "clear",
    { ...BASE, consumptionLimit: undefined },
    { consumptionLimit: { usd: null, diem: null } },
  ],
  ["limitPeriod", "change", { ...BASE, limitPeriod: "MONTH" }, { limitPeriod: "MONTH" }],
  ["modelPrivacy", "change", { ...BASE, modelPrivacy: "PRIVATE_ONLY" }, { modelPrivacy: "PRIVATE_ONLY" }],
];

test.each(TABLE)("%s %s is an in-place update sending exactly that field", (_field, _change, news, patch) => {
  expect(diffApiKey(OUTPUTS, news)).toEqual({
    changes: true,
    replaces: [],
    deleteBeforeReplace: false,
  });
  expect(updateRequest("id-1", OUTPUTS, news)).toEqual({ id: "id-1", ...patch });
});

test.each([
  [
    "expiresAt",
    { ...WITHOUT_OPTIONALS, expiresAt: "2027-06-30T00:00:00.000Z" },
    { expiresAt: "2027-06-30T00:00:00.000Z" },
  ],
  [
    "consumptionLimit",
    { ...WITHOUT_OPTIONALS, consumptionLimit: { diem: 3 } },
    { consumptionLimit: { usd: null, diem: 3 } },
  ],
])("setting %s where there was none is an in-place update", (_field, news, patch) => {
  const olds = { ...WITHOUT_OPTIONALS, key: "k", expired: false };
  expect(diffApiKey(olds, news).changes).toBe(true);
  expect(updateRequest("id-1", olds, news as ApiKeyInputs)).toEqual({ id: "id-1", ...patch });
});

test("changing apiKeyType replaces the key, creating the new one first", () => {
  expect(diffApiKey(OUTPUTS, { ...BASE, apiKeyType: "ADMIN" })).toEqual({
    changes: true,
    replaces: ["apiKeyType"],
    deleteBeforeReplace: false,
  });
});

test("identical inputs are no change, whatever __provider and the computed outputs say", () => {
  // The engine hands diff the inputs with `__provider` among them.
  expect(diffApiKey(OUTPUTS, { ...BASE, __provider: "new code" } as ApiKeyInputs)).toEqual({
    changes: false,
    replaces: [],
    deleteBeforeReplace: false,
  });
});

test("state from a provider that did not store defaults diffs clean against defaulted inputs", () => {
  const legacy = { description: "ci", key: "k" };
  expect(
    diffApiKey(legacy, {
      description: "ci",
      apiKeyType: "INFERENCE",
      limitPeriod: "EPOCH",
      modelPrivacy: "ALL",
    }).changes,
  ).toBe(false);
});

test("an input unknown during preview counts as a change", () => {
  const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  expect(diffApiKey(OUTPUTS, { ...BASE, description: unknown }).changes).toBe(true);
  expect(diffApiKey(OUTPUTS, { ...BASE, apiKeyType: unknown as ApiKeyType }).replaces).toEqual([
    "apiKeyType",
  ]);
});

test("usage figures in state never cause a diff", () => {
  const withUsage = {
    ...OUTPUTS,
    usage: { trailingSevenDays: { usd: "1.0000" } },
    createdAt: "2026-01-01T00:00:00.000Z",
  };
  expect(diffApiKey(withUsage, BASE).changes).toBe(false);
});

describe("rotation", () => {
  const NOW = new Date("2027-01-01T00:00:00.000Z");
  const ROTATING: ApiKeyInputs = {
    description: "ci",
    apiKeyType: "INFERENCE",
    limitPeriod: "EPOCH",
    modelPrivacy: "ALL",
    expireAfter: "90d",
    rotateBefore: "14d",
  };
  const STATE: KeyState = {
    ...ROTATING,
    issuedAt: "2026-12-01T00:00:00.000Z",
    expiresAt: "2027-03-01T00:00:00.000Z",
    key: "k",
    expired: false,
  };

  test("a key with expireAfter outside its window is no change (its expiry is not recomputed)", () => {
    expect(diffApiKey(STATE, ROTATING, NOW)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  test("inside the window the key is replaced", () => {
    expect(diffApiKey(STATE, ROTATING, new Date("2027-02-15T00:00:00.000Z"))).toEqual({
      changes: true,
      replaces: ["expiresAt"],
      deleteBeforeReplace: false,
    });
  });

  test("a dashboard edit of an expireAfter key's expiry is drift, healed in place", () => {
    const drifted = { ...STATE, expiresAt: "2029-01-01T00:00:00.000Z" };
    expect(diffApiKey(drifted, ROTATING, NOW)).toMatchObject({ changes: true, replaces: [] });
    expect(updateRequest("id-1", drifted, ROTATING as ApiKeyInputs, NOW)).toEqual({
      id: "id-1",
      expiresAt: "2027-03-01T00:00:00.000Z",
    });
  });

  test("a shorter lifetime moves the expiry in place", () => {
    const news = { ...ROTATING, expireAfter: "60d" };
    expect(diffApiKey(STATE, news, NOW)).toMatchObject({ changes: true, replaces: [] });
    expect(updateRequest("id-1", STATE, news as ApiKeyInputs, NOW)).toEqual({
      id: "id-1",
      expiresAt: "2027-01-30T00:00:00.000Z",
    });
  });

  test("a lifetime shortened into the window replaces the key", () => {
    expect(diffApiKey(STATE, { ...ROTATING, expireAfter: "40d" }, NOW).replaces).toEqual(["expiresAt"]);
  });

  test("a changed rotationTrigger replaces the key", () => {
    const olds = { ...OUTPUTS, rotationTrigger: "2027-Q1" };
    expect(diffApiKey(olds, { ...BASE, rotationTrigger: "2027-Q2" }, NOW).replaces).toEqual([
      "rotationTrigger",
    ]);
  });

  test("a changed value inside a map trigger replaces the key", () => {
    const olds = { ...OUTPUTS, rotationTrigger: { incident: 1, quarter: "Q1" } };
    const news = { ...BASE, rotationTrigger: { incident: 2, quarter: "Q1" } };
    expect(diffApiKey(olds, news, NOW).replaces).toEqual(["rotationTrigger"]);
  });

  test("the same trigger is no change", () => {
    const olds = { ...OUTPUTS, rotationTrigger: { incident: 1 } };
    expect(diffApiKey(olds, { ...BASE, rotationTrigger: { incident: 1 } }, NOW).changes).toBe(false);
  });

  test("adding a trigger to a key that had none records it without rotating", () => {
    expect(diffApiKey(OUTPUTS, { ...BASE, rotationTrigger: "2027-Q1" }, NOW)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  test("a trigger unknown at preview plans a rotation", () => {
    const olds = { ...OUTPUTS, rotationTrigger: "2027-Q1" };
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    expect(diffApiKey(olds, { ...BASE, rotationTrigger: unknown }, NOW).replaces).toEqual([
      "rotationTrigger",
    ]);
  });

  test("retireAfter changes are recorded without a request", () => {
    const news = { ...BASE, retireAfter: "1d" };
    expect(diffApiKey(OUTPUTS, news, NOW).changes).toBe(true);
    expect(updateRequest("id-1", OUTPUTS, news, NOW)).toEqual({ id: "id-1" });
  });

  test("changing adoptKeyId or adoptKeyValue after creation changes nothing", () => {
    const olds = { ...OUTPUTS, adoptKeyId: "7b1d6c47-9b7b-4b40-8f0b-8d8a0a3f6d11" };
    const news = { ...BASE, adoptKeyId: "00000000-0000-4000-8000-000000000000", adoptKeyValue: "x" };
    expect(diffApiKey(olds, news, NOW).changes).toBe(false);
  });
});
