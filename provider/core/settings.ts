import { z } from "zod";

/**
 * Where the provider finds its credentials and endpoint, read at run time inside the provider process
 * and never captured into `__provider`. Environment first (it takes effect at once, even for destroy and
 * refresh, which otherwise replay config stored in state), then stack config passed to `configure`.
 */
export const DEFAULT_BASE_URL = "https://api.venice.ai/api/v1";

export interface ConfigSource {
  get(key: string): string | undefined;
}

export interface Settings {
  adminKey: string;
  baseUrl: string;
  requestTimeoutMs: number;
  retryBudgetMs: number;
  creationLimit: number;
  creationWindowMs: number;
  /** Venice's cap on active keys per account (500, documented); checked before each create. */
  maxActiveKeys: number;
}

export class SettingsError extends Error {
  override name = "SettingsError";
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Why a base URL is unacceptable, or undefined when it is fine. */
export function baseUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a URL; use e.g. ${DEFAULT_BASE_URL}`;
  }
  if (url.username || url.password) {
    return "it carries credentials; remove them from the URL and set the admin key with VENICE_ADMIN_API_KEY instead";
  }
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname)) {
    return `plain http is only allowed to loopback (127.0.0.1, localhost, [::1]); use https://${url.host}${url.pathname}`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return `protocol ${url.protocol} is not supported; use https`;
  }
  if (url.search || url.hash)
    return "it has a query or fragment; give only the base, e.g. " + DEFAULT_BASE_URL;
  return undefined;
}

/**
 * Every setting, where it comes from and what it defaults to: the environment variables (first set one
 * wins), then the stack config key `venice:<config>`. One table for the provider, the lookups, the CLI
 * and the README's settings table.
 */
export const SETTINGS = {
  adminKey: {
    env: ["VENICE_ADMIN_API_KEY", "VENICE_API_KEY"],
    config: "adminApiKey",
    doc: "The account's ADMIN key (a secret).",
  },
  baseUrl: {
    env: ["VENICE_BASE_URL"],
    config: "baseUrl",
    default: DEFAULT_BASE_URL,
    doc: "The API's base URL: https, or plain http to loopback only.",
  },
  requestTimeoutMs: {
    env: ["VENICE_REQUEST_TIMEOUT_MS"],
    config: "requestTimeoutMs",
    default: 30_000,
    doc: "How long one request may take, in milliseconds.",
  },
  retryBudgetMs: {
    env: ["VENICE_RETRY_BUDGET_MS"],
    config: "retryBudgetMs",
    default: 120_000,
    doc: "How long one operation may keep retrying (429, 5xx, resets, timeouts), in milliseconds.",
  },
  creationLimit: {
    env: ["VENICE_CREATION_LIMIT"],
    config: "creationLimit",
    default: 20,
    doc: "Key creations per window the provider allows itself (Venice allows 20 per minute).",
  },
  creationWindowMs: {
    env: ["VENICE_CREATION_WINDOW_MS"],
    config: "creationWindowMs",
    default: 60_000,
    doc: "The window of creationLimit, in milliseconds.",
  },
  maxActiveKeys: {
    env: ["VENICE_MAX_ACTIVE_KEYS"],
    config: "maxActiveKeys",
    default: 500,
    doc: "Venice's cap on active keys per account, named in the error when an account is full.",
  },
} as const satisfies Record<
  keyof Settings,
  { env: readonly string[]; config: string; default?: unknown; doc: string }
>;

export type SettingName = keyof typeof SETTINGS;
type NumericSetting = Exclude<SettingName, "adminKey" | "baseUrl">;

const positiveInt = (name: NumericSetting) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const setting = SETTINGS[name];
      if (v === undefined || v === "") return setting.default;
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) {
        ctx.addIssue({
          code: "custom",
          message: `${setting.env[0]} must be a positive whole number, got "${v}"`,
        });
        return z.NEVER;
      }
      return n;
    });

const rawSettings = z.object({
  adminKey: z.string().optional(),
  baseUrl: z.string().optional(),
  requestTimeoutMs: positiveInt("requestTimeoutMs"),
  retryBudgetMs: positiveInt("retryBudgetMs"),
  creationLimit: positiveInt("creationLimit"),
  creationWindowMs: positiveInt("creationWindowMs"),
  maxActiveKeys: positiveInt("maxActiveKeys"),
});

/**
 * Which source wins when both have a setting. The default provider reads the environment first (a
 * rotated admin key takes effect at once, even for destroy and refresh, which replay config stored in
 * state); an explicit provider instance's own arguments win, so its keys never land in another account.
 */
export type Precedence = "environment-first" | "config-first";

function pick(
  env: NodeJS.ProcessEnv,
  config: ConfigSource | undefined,
  name: SettingName,
  precedence: Precedence = "environment-first",
) {
  const setting = SETTINGS[name];
  const fromConfig = () => config?.get(`venice:${setting.config}`) || undefined;
  if (precedence === "config-first") {
    const value = fromConfig();
    if (value) return value;
  }
  for (const variable of setting.env) {
    const value = env[variable];
    if (value) return value;
  }
  return fromConfig();
}

/**
 * The stack config keys (`venice:...`) of these settings that the environment leaves to config: what a
 * command outside the engine (the CLI) must fetch from a stack to see what the provider would see.
 */
export function configKeysLeftToConfig(env: NodeJS.ProcessEnv, names: readonly SettingName[]): string[] {
  return names
    .filter((name) => !SETTINGS[name].env.some((variable) => env[variable]))
    .map((name) => `venice:${SETTINGS[name].config}`);
}

/** The endpoint alone: check validates it at preview time without needing credentials. */
export function resolveBaseUrl(
  env: NodeJS.ProcessEnv,
  config?: ConfigSource,
  precedence?: Precedence,
): string {
  return pick(env, config, "baseUrl", precedence) ?? DEFAULT_BASE_URL;
}

/** The admin key alone, or undefined: for checks at preview time, which must work without credentials. */
export function resolveAdminKey(
  env: NodeJS.ProcessEnv,
  config?: ConfigSource,
  precedence?: Precedence,
): string | undefined {
  return pick(env, config, "adminKey", precedence);
}

export function resolveSettings(
  env: NodeJS.ProcessEnv,
  config?: ConfigSource,
  precedence?: Precedence,
): Settings {
  return settingsFrom(givenSettings(env, config, precedence));
}

/** Each setting as given (a string, or undefined), before any check. */
function givenSettings(env: NodeJS.ProcessEnv, config?: ConfigSource, precedence?: Precedence) {
  return {
    adminKey: resolveAdminKey(env, config, precedence),
    baseUrl: resolveBaseUrl(env, config, precedence),
    requestTimeoutMs: pick(env, config, "requestTimeoutMs", precedence),
    retryBudgetMs: pick(env, config, "retryBudgetMs", precedence),
    creationLimit: pick(env, config, "creationLimit", precedence),
    creationWindowMs: pick(env, config, "creationWindowMs", precedence),
    maxActiveKeys: pick(env, config, "maxActiveKeys", precedence),
  };
}

/**
 * resolveSettings for a caller that reads the settings at every operation (a lifecycle: the environment
 * and the configuration may change between two operations): the given values are read each time, but
 * checked and parsed again only when one of them changed. A tofu apply of 500 keys makes thousands of
 * calls with the same settings.
 */
export function settingsReader(): (
  env: NodeJS.ProcessEnv,
  config?: ConfigSource,
  precedence?: Precedence,
) => Settings {
  let last: { given: string; settings: Settings } | undefined;
  return (env, config, precedence) => {
    const given = givenSettings(env, config, precedence);
    const key = JSON.stringify(given);
    if (last?.given !== key) last = { given: key, settings: settingsFrom(given) };
    return last.settings;
  };
}

function settingsFrom(given: ReturnType<typeof givenSettings>): Settings {
  const parsed = rawSettings.safeParse(given);
  if (!parsed.success) throw new SettingsError(parsed.error.issues.map((i) => i.message).join("; "));
  const { adminKey, baseUrl, ...rest } = parsed.data;
  if (!adminKey) {
    throw new SettingsError(
      "No Venice admin key. Set VENICE_ADMIN_API_KEY in the environment, or run " +
        "`pulumi config set --secret venice:adminApiKey <key>`. The key must be an ADMIN key.",
    );
  }
  if (adminKey.startsWith("VENICE_INFERENCE_KEY_")) {
    throw new SettingsError(
      "This key is an INFERENCE key; managing keys needs an ADMIN key. Create an ADMIN key in Venice's " +
        "dashboard and set VENICE_ADMIN_API_KEY to it.",
    );
  }
  const problem = baseUrlProblem(baseUrl!);
  if (problem) throw new SettingsError(`Venice base URL is not usable: ${problem}`);
  return { adminKey, baseUrl: baseUrl!.replace(/\/+$/, ""), ...rest };
}
