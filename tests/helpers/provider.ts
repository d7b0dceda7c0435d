import type { TestEmulator } from "./emulator";

type Provider = typeof import("../../provider").apiKeyProvider;

/**
 * Loads a fresh copy of the provider module (its client cache and config are per process, as in the
 * engine's host) with the environment pointing at `emu`.
 */
export function providerFor(emu: TestEmulator, env: Record<string, string> = {}): Provider {
  Object.assign(process.env, {
    VENICE_ADMIN_API_KEY: emu.adminKey,
    VENICE_BASE_URL: emu.url,
    VENICE_RETRY_BUDGET_MS: "20000",
    VENICE_REQUEST_TIMEOUT_MS: "5000",
    ...env,
  });
  let provider!: Provider;
  jest.isolateModules(() => {
    provider = (require("../../provider") as typeof import("../../provider")).apiKeyProvider;
  });
  return provider;
}

/** What check would produce for these arguments (the provider's own normalisation). */
export async function checked(provider: Provider, args: Record<string, unknown>) {
  const result = await provider.check({}, args);
  if (result.failures?.length) throw new Error(JSON.stringify(result.failures));
  return result.inputs as import("../../provider").ApiKeyInputs;
}

/** Messages of an error, its cause chain included, for leak checks. */
export function allText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return `${err.name}: ${err.message}\n${err.stack ?? ""}\n${JSON.stringify(err)}`;
}
