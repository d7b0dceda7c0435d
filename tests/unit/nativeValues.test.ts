import { forEngine, fromEngine, isSecret, secret, unwrap } from "../../provider/fronts/pulumi/values";
import { resolveSettings } from "../../provider/core/settings";

/** The native front's boundary: secrets in and out, and whose configuration wins. */
const ADMIN = "VENICE_ADMIN_KEY_fromconfig00000000000000000000000000000000";
const ENV_ADMIN = "VENICE_ADMIN_KEY_fromenvironment000000000000000000000000000";

test("secrets from the engine are unwrapped at any depth", () => {
  expect(unwrap({ a: secret("s"), b: [secret({ c: secret(1) })], d: "plain" })).toEqual({
    a: "s",
    b: [{ c: 1 }],
    d: "plain",
  });
});

test("properties from the engine lose __provider (state carried over from the dynamic provider)", () => {
  expect(fromEngine({ description: "d", __provider: "require(...)" })).toEqual({ description: "d" });
});

test("properties for the engine wrap the secret fields, drop undefined and __provider, keep the rest plain", () => {
  const out = forEngine({
    key: "k",
    adoptKeyValue: "v",
    description: "d",
    createdAt: undefined,
    __provider: "x",
  });
  expect(out).toEqual({ key: secret("k"), adoptKeyValue: secret("v"), description: "d" });
  expect(isSecret(out.key)).toBe(true);
  expect(isSecret(out.description)).toBe(false);
});

test("an explicit provider's configuration wins over the environment; the default provider's does not", () => {
  const config = {
    get: (key: string) => ({ "venice:adminApiKey": ADMIN, "venice:retryBudgetMs": "5000" })[key],
  };
  const env = { VENICE_ADMIN_API_KEY: ENV_ADMIN, VENICE_RETRY_BUDGET_MS: "9000" };
  expect(resolveSettings(env, config, "config-first")).toMatchObject({
    adminKey: ADMIN,
    retryBudgetMs: 5000,
  });
  expect(resolveSettings(env, config, "environment-first")).toMatchObject({
    adminKey: ENV_ADMIN,
    retryBudgetMs: 9000,
  });
  expect(resolveSettings({}, config, "config-first").adminKey).toBe(ADMIN);
  expect(resolveSettings(env, undefined, "config-first").adminKey).toBe(ENV_ADMIN);
});
