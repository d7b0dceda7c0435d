import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  adminKeyExpires,
  duplicateDescriptions,
  inferenceKeyExpires,
  keyCapped,
  lifetimeMs,
  privateModels,
  stackMatches,
  type KeyInputs,
} from "../../policy/rules";

const NOW = new Date("2027-01-01T00:00:00.000Z");
const known = () => false;
const key = (inputs: KeyInputs, name = "k") => ({ name, inputs, now: NOW });

describe("venice-admin-keys-expire", () => {
  test("an ADMIN key without an expiry is a violation naming the resource and the fix", () => {
    expect(adminKeyExpires(key({ apiKeyType: "ADMIN" }, "ops"), 90, known)).toEqual([
      expect.stringMatching(/ApiKey 'ops' is an ADMIN key without an expiry.*expireAfter.*90 days/),
    ]);
  });

  test("an ADMIN key expiring beyond maxAdminKeyDays is a violation", () => {
    expect(adminKeyExpires(key({ apiKeyType: "ADMIN", expireAfter: "91d" }), 90, known)).toEqual([
      expect.stringMatching(/expiring in 91 days; the limit is 90 \(maxAdminKeyDays\)/),
    ]);
    expect(
      adminKeyExpires(key({ apiKeyType: "ADMIN", expiresAt: "2027-06-01T00:00:00.000Z" }), 90, known),
    ).toHaveLength(1);
  });

  test("an ADMIN key within the limit passes, by expireAfter or by expiresAt", () => {
    expect(adminKeyExpires(key({ apiKeyType: "ADMIN", expireAfter: "30d" }), 90, known)).toEqual([]);
    expect(
      adminKeyExpires(key({ apiKeyType: "ADMIN", expiresAt: "2027-02-01T00:00:00.000Z" }), 90, known),
    ).toEqual([]);
  });

  test("the threshold comes from config", () => {
    expect(adminKeyExpires(key({ apiKeyType: "ADMIN", expireAfter: "30d" }), 7, known)).toHaveLength(1);
  });

  test("INFERENCE keys (the default type) are not its business", () => {
    expect(adminKeyExpires(key({}), 90, known)).toEqual([]);
  });

  test("an expiry unknown at preview is skipped, not failed", () => {
    expect(adminKeyExpires(key({ apiKeyType: "ADMIN" }), 90, (f) => f === "expiresAt")).toEqual([]);
    expect(adminKeyExpires(key({}), 90, (f) => f === "apiKeyType")).toEqual([]);
  });
});

describe("venice-keys-expire", () => {
  test("an INFERENCE key that never expires is a violation", () => {
    expect(inferenceKeyExpires(key({}, "app"), 365, known)).toEqual([
      expect.stringMatching(/ApiKey 'app' never expires.*365 days \(maxKeyDays\)/),
    ]);
  });

  test("beyond maxKeyDays is a violation; within passes", () => {
    expect(inferenceKeyExpires(key({ expireAfter: "400d" }), 365, known)).toHaveLength(1);
    expect(inferenceKeyExpires(key({ expireAfter: "90d" }), 365, known)).toEqual([]);
  });

  test("ADMIN keys are judged by their own policy", () => {
    expect(inferenceKeyExpires(key({ apiKeyType: "ADMIN" }), 365, known)).toEqual([]);
  });
});

describe("venice-keys-capped", () => {
  test("a key without consumptionLimit is a violation naming the fix", () => {
    expect(keyCapped(key({}, "ci"), known)).toEqual([
      expect.stringMatching(/ApiKey 'ci' has no spending cap.*consumptionLimit/),
    ]);
  });

  test("any currency capped passes, 0 included", () => {
    expect(keyCapped(key({ consumptionLimit: { usd: 0 } }), known)).toEqual([]);
    expect(keyCapped(key({ consumptionLimit: { diem: 5 } }), known)).toEqual([]);
  });

  test("an empty limit is no cap", () => {
    expect(keyCapped(key({ consumptionLimit: {} }), known)).toHaveLength(1);
  });

  test("a limit unknown at preview is skipped", () => {
    expect(keyCapped(key({}), (f) => f === "consumptionLimit")).toEqual([]);
  });
});

describe("venice-private-models", () => {
  test("in a listed stack, a key allowing all models is a violation", () => {
    expect(privateModels(key({ modelPrivacy: "ALL" }, "app"), "prod", ["prod"], known)).toEqual([
      expect.stringMatching(/ApiKey 'app' allows modelPrivacy ALL in stack 'prod'.*PRIVATE_TEXT/),
    ]);
    expect(privateModels(key({}), "prod", ["prod"], known)).toHaveLength(1); // ALL is the default
  });

  test("private keys pass; other stacks are not its business", () => {
    expect(privateModels(key({ modelPrivacy: "PRIVATE_ONLY" }), "prod", ["prod"], known)).toEqual([]);
    expect(privateModels(key({ modelPrivacy: "ALL" }), "dev", ["prod"], known)).toEqual([]);
  });

  test("stack patterns take * as a wildcard and nothing else", () => {
    expect(stackMatches("prod-eu", ["prod-*"])).toBe(true);
    expect(stackMatches("prod", ["prod-*"])).toBe(false);
    expect(stackMatches("prodXeu", ["prod.eu"])).toBe(false);
    expect(stackMatches("anything", [])).toBe(false);
  });
});

describe("venice-descriptions-unique", () => {
  test("two keys of one type with one description are a violation naming both", () => {
    const keys = [
      { name: "a", inputs: { description: "ci" } },
      { name: "b", inputs: { description: "ci", apiKeyType: "INFERENCE" } },
    ];
    expect(duplicateDescriptions(keys)).toEqual([
      {
        key: keys[1],
        message: expect.stringMatching(/ApiKeys 'a' and 'b' are both INFERENCE keys described "ci"/),
      },
    ]);
  });

  test("the same description on keys of different types is allowed", () => {
    expect(
      duplicateDescriptions([
        { name: "a", inputs: { description: "ops" } },
        { name: "b", inputs: { description: "ops", apiKeyType: "ADMIN" } },
      ]),
    ).toEqual([]);
  });

  test("descriptions unknown at preview are skipped", () => {
    expect(
      duplicateDescriptions([
        { name: "a", inputs: { description: undefined } },
        { name: "b", inputs: { description: undefined } },
      ]),
    ).toEqual([]);
  });
});

test("lifetimes read as the provider reads them", () => {
  expect(lifetimeMs("1h30m")).toBe(5_400_000);
  expect(lifetimeMs("2w")).toBe(14 * 86_400_000);
  expect(lifetimeMs("soon")).toBeUndefined();
});

test("the pack's version is the package's (the engine shows it as pulumi-venice@v<version>)", () => {
  const root = join(__dirname, "../..");
  const version = (file: string) =>
    (JSON.parse(readFileSync(join(root, file), "utf8")) as { version: string }).version;
  expect(version("policy/package.json")).toBe(version("package.json"));
});
