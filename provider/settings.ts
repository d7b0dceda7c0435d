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
  creationsPerWindow: number;
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

const positiveInt = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) {
        ctx.addIssue({ code: "custom", message: `${name} must be a positive whole number, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const rawSettings = z.object({
  adminKey: z.string().optional(),
  baseUrl: z.string().optional(),
  requestTimeoutMs: positiveInt("VENICE_REQUEST_TIMEOUT_MS", 30_000),
  retryBudgetMs: positiveInt("VENICE_RETRY_BUDGET_MS", 120_000),
  creationsPerWindow: positiveInt("VENICE_CREATION_LIMIT", 20),
  creationWindowMs: positiveInt("VENICE_CREATION_WINDOW_MS", 60_000),
  maxActiveKeys: positiveInt("VENICE_MAX_ACTIVE_KEYS", 500),
});

function pick(
  env: NodeJS.ProcessEnv,
  config: ConfigSource | undefined,
  envNames: string[],
  configKey: string,
) {
  for (const name of envNames) {
    const value = env[name];
    if (value) return value;
  }
  return config?.get(`venice:${configKey}`) || undefined;
}

/** The endpoint alone: check validates it at preview time without needing credentials. */
export function resolveBaseUrl(env: NodeJS.ProcessEnv, config?: ConfigSource): string {
  return pick(env, config, ["VENICE_BASE_URL"], "baseUrl") ?? DEFAULT_BASE_URL;
}

/** The admin key alone, or undefined: for checks at preview time, which must work without credentials. */
export function resolveAdminKey(env: NodeJS.ProcessEnv, config?: ConfigSource): string | undefined {
  return pick(env, config, ["VENICE_ADMIN_API_KEY", "VENICE_API_KEY"], "adminApiKey");
}

export function resolveSettings(env: NodeJS.ProcessEnv, config?: ConfigSource): Settings {
  const parsed = rawSettings.safeParse({
    adminKey: resolveAdminKey(env, config),
    baseUrl: resolveBaseUrl(env, config),
    requestTimeoutMs: pick(env, config, ["VENICE_REQUEST_TIMEOUT_MS"], "requestTimeoutMs"),
    retryBudgetMs: pick(env, config, ["VENICE_RETRY_BUDGET_MS"], "retryBudgetMs"),
    creationsPerWindow: pick(env, config, ["VENICE_CREATION_LIMIT"], "creationLimit"),
    creationWindowMs: pick(env, config, ["VENICE_CREATION_WINDOW_MS"], "creationWindowMs"),
    maxActiveKeys: pick(env, config, ["VENICE_MAX_ACTIVE_KEYS"], "maxActiveKeys"),
  });
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
