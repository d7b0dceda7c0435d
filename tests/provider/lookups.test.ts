import { getApiKey, getApiKeys } from "../../sdk";
import { emulatorSuite } from "../helpers/emulator";

const suite = emulatorSuite();
beforeAll(() => {
  process.env.VENICE_ADMIN_API_KEY = suite.emu.adminKey;
  process.env.VENICE_BASE_URL = suite.emu.url;
});

test("getApiKey returns a key's metadata and never its secret", async () => {
  const made = await suite.create({ description: "ci / staging", consumptionLimit: { usd: 7 } });
  const info = await getApiKey({ id: made.id });
  expect(info).toMatchObject({
    id: made.id,
    description: "ci / staging",
    apiKeyType: "INFERENCE",
    consumptionLimits: { usd: 7, diem: null },
    limitPeriod: "EPOCH",
    modelPrivacy: "ALL",
    last6Chars: made.apiKey.slice(-6),
  });
  expect(info.createdAt).toMatch(/Z$/);
  expect(JSON.stringify(info)).not.toContain(made.apiKey);
});

test("getApiKey of an unknown id rejects, naming the id", async () => {
  const made = await suite.create();
  await suite.emu.control.deleteKey(made.id);
  await expect(getApiKey({ id: made.id })).rejects.toThrow(new RegExp(`no active key with id ${made.id}`));
});

test("getApiKeys filters by description prefix and type", async () => {
  await suite.create({ description: "ci / a" });
  await suite.create({ description: "ci / b", apiKeyType: "ADMIN" });
  await suite.create({ description: "app" });
  expect((await getApiKeys()).map((k) => k.description).sort()).toEqual(["app", "ci / a", "ci / b"]);
  expect((await getApiKeys({ descriptionPrefix: "ci / " })).map((k) => k.description).sort()).toEqual([
    "ci / a",
    "ci / b",
  ]);
  expect(
    (await getApiKeys({ descriptionPrefix: "ci", apiKeyType: "ADMIN" })).map((k) => k.description),
  ).toEqual(["ci / b"]);
});

test("lookups use the provider's credentials: a missing admin key is the same clear error", async () => {
  const saved = process.env.VENICE_ADMIN_API_KEY;
  process.env.VENICE_ADMIN_API_KEY = "";
  try {
    await expect(getApiKeys()).rejects.toThrow(/No Venice admin key.*VENICE_ADMIN_API_KEY/);
  } finally {
    process.env.VENICE_ADMIN_API_KEY = saved;
  }
});
