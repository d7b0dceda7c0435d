import type { ApiKeyInputs } from "../../domain";
import { createLifecycle, type Lifecycle } from "../../provider/core";
import type { TestEmulator } from "./emulator";

/**
 * A lifecycle of its own (its clients, pacer and shared listing, as one provider instance has), with the
 * environment pointing at `emu`. Settings are read from process.env at each call, as in a provider host.
 */
export function providerFor(emu: TestEmulator, env: Record<string, string> = {}): Lifecycle {
  Object.assign(process.env, {
    VENICE_ADMIN_API_KEY: emu.adminKey,
    VENICE_BASE_URL: emu.url,
    VENICE_RETRY_BUDGET_MS: "20000",
    VENICE_REQUEST_TIMEOUT_MS: "5000",
    ...env,
  });
  return createLifecycle({ precedence: "environment-first" });
}

/** What check would produce for these arguments (the provider's own normalisation). */
export async function checked(provider: Lifecycle, args: Record<string, unknown>): Promise<ApiKeyInputs> {
  const result = await provider.check({}, args);
  if (result.failures?.length) throw new Error(JSON.stringify(result.failures));
  return result.inputs as ApiKeyInputs;
}

/** Messages of an error, its cause chain included, for leak checks. */
export function allText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return `${err.name}: ${err.message}\n${err.stack ?? ""}\n${JSON.stringify(err)}`;
}
