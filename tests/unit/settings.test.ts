import { baseUrlProblem, resolveSettings } from "../../provider/core/settings";

const ADMIN = "VENICE_ADMIN_KEY_settings000000000000000000000000000000000";
const config = (values: Record<string, string>) => ({ get: (k: string) => values[k] });

test("VENICE_ADMIN_API_KEY wins over VENICE_API_KEY and config", () => {
  const s = resolveSettings(
    { VENICE_ADMIN_API_KEY: ADMIN, VENICE_API_KEY: "other-key-0000" },
    config({ "venice:adminApiKey": "cfg" }),
  );
  expect(s.adminKey).toBe(ADMIN);
});

test("stack config venice:adminApiKey is used when the environment has no key", () => {
  expect(resolveSettings({}, config({ "venice:adminApiKey": ADMIN })).adminKey).toBe(ADMIN);
});

test("the base URL defaults to Venice's production API", () => {
  expect(resolveSettings({ VENICE_ADMIN_API_KEY: ADMIN }).baseUrl).toBe("https://api.venice.ai/api/v1");
});

test("a missing admin key says how to set one", () => {
  expect(() => resolveSettings({})).toThrow(
    /VENICE_ADMIN_API_KEY.*pulumi config set --secret venice:adminApiKey/,
  );
});

test("an INFERENCE key is refused before any call, with the fix", () => {
  expect(() => resolveSettings({ VENICE_ADMIN_API_KEY: "VENICE_INFERENCE_KEY_abc" })).toThrow(
    /this key is an INFERENCE key; managing keys needs an ADMIN key/i,
  );
});

test.each([
  ["http://api.venice.ai/api/v1", /only allowed to loopback.*https:\/\/api\.venice\.ai/],
  ["https://user:pass@api.venice.ai/api/v1", /carries credentials/],
  ["ftp://api.venice.ai", /not supported/],
  ["not a url", /not a URL/],
  ["https://api.venice.ai/api/v1?key=x", /query or fragment/],
])("base URL %s is refused", (url, reason) => {
  expect(baseUrlProblem(url)).toMatch(reason);
});

test.each([
  "http://127.0.0.1:8787/api/v1",
  "http://localhost:1/api/v1",
  "http://[::1]:9/api/v1",
  "https://api.venice.ai/api/v1",
])("base URL %s is accepted", (url) => expect(baseUrlProblem(url)).toBeUndefined());

test("timeouts from the environment must be positive whole numbers", () => {
  expect(() => resolveSettings({ VENICE_ADMIN_API_KEY: ADMIN, VENICE_REQUEST_TIMEOUT_MS: "soon" })).toThrow(
    /VENICE_REQUEST_TIMEOUT_MS must be a positive whole number/,
  );
});
