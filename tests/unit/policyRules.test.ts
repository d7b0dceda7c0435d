import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkInputs } from "../../provider/core/inputs";
import { startingNow } from "../../provider/core/rotation";
import {
  adminKeyExpires,
  duplicateDescriptions,
  inferenceKeyExpires,
  daysToExpiry,
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

/** A small deterministic generator (mulberry32), so every run judges the same cases. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { int, pick };
}

/** Durations users might write, valid or not: zero, huge, unknown units, junk around them. */
function generatedDurations(count: number): string[] {
  const g = generator(20261201);
  const cases = ["0d", "0s0m", "36501d", "5300w", "1h30m", "90d", " 90d", "90D", "1.5h", "-1d", ""];
  while (cases.length < count) {
    const parts = g.int(3) + 1;
    let text = "";
    for (let i = 0; i < parts; i++)
      text += `${g.pick([0, 1, 7, 59, 90, 3585, 99999, 10 ** 9])}${g.pick([..."smhdw", "y", ""])}`;
    cases.push(g.pick(["", "", "", " ", "x"]) + text);
  }
  return cases;
}

/** Expiries users might write: date-only, UTC, offsets, no zone, impossible dates. */
function generatedExpiries(count: number): string[] {
  const g = generator(424242);
  const cases = [
    "2027-06-30",
    "2027-02-29",
    "2028-02-29",
    "2027-06-30T10:00:00",
    "2027-06-30T10:00:00+02:00",
  ];
  while (cases.length < count) {
    const date = `${g.pick([2026, 2027, 2099])}-${String(g.int(14)).padStart(2, "0")}-${String(g.int(33)).padStart(2, "0")}`;
    const time = `${String(g.int(25)).padStart(2, "0")}:${String(g.int(61)).padStart(2, "0")}:${String(g.int(61)).padStart(2, "0")}`;
    cases.push(
      g.pick([
        date,
        `${date}T${time}Z`,
        `${date}T${time}.123Z`,
        `${date}T${time}`,
        `${date}T${time}+01:00`,
        `${date} ${time}Z`,
      ]),
    );
  }
  return cases;
}

test("the policy reads every generated duration exactly as check does: accepted alike, same length", () => {
  for (const expireAfter of generatedDurations(300)) {
    const checked = checkInputs({}, { description: "d", expireAfter }, NOW);
    const accepted = !checked.failures.some((f) => f.property === "expireAfter");
    const days = daysToExpiry({ expireAfter }, NOW, known);
    expect({ expireAfter, judged: days !== undefined }).toEqual({ expireAfter, judged: accepted });
    if (accepted) {
      // The lifetime the provider gives a key it creates now, against the policy's reading of it.
      const created = startingNow(checked.inputs, NOW).target.expiresAt!;
      expect({ expireAfter, days }).toEqual({
        expireAfter,
        days: (Date.parse(created) - NOW.getTime()) / 86_400_000,
      });
    }
  }
});

test("the policy reads every generated expiry exactly as check does: accepted alike, same instant", () => {
  for (const expiresAt of generatedExpiries(300)) {
    const checked = checkInputs({}, { description: "d", expiresAt }, new Date("2000-01-01T00:00:00.000Z"));
    const accepted = !checked.failures.some((f) => f.property === "expiresAt");
    const days = daysToExpiry({ expiresAt }, NOW, known);
    expect({ expiresAt, judged: days !== undefined }).toEqual({ expiresAt, judged: accepted });
    if (accepted) {
      const providerDays = (Date.parse(checked.inputs.expiresAt!) - NOW.getTime()) / 86_400_000;
      expect({ expiresAt, days }).toEqual({ expiresAt, days: providerDays });
    }
  }
});

test("the pack's version is the package's (the engine shows it as pulumi-venice@v<version>)", () => {
  const root = join(__dirname, "../..");
  const version = (file: string) =>
    (JSON.parse(readFileSync(join(root, file), "utf8")) as { version: string }).version;
  expect(version("policy/package.json")).toBe(version("package.json"));
});
