import { VeniceError } from "../client/errors";
import { redact } from "../client/redact";
import type { EngineGuard } from "./engineGuard";
import { SettingsError } from "./settings";

/**
 * What an operation's failure becomes on its way to the engine, which prints errors with their stack.
 * Ours are built redacted and pass as they are; anything else (a bug, a library error) becomes a new
 * error whose message is redacted, without the original stack; after the engine died, the one error
 * that says so.
 */
export function surfaced(err: unknown, guard: EngineGuard): Error {
  if (err instanceof VeniceError || err instanceof SettingsError) return err;
  if (guard.isGone()) return guard.goneError();
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new Error(`pulumi-venice: unexpected failure: ${redact(detail)}`);
}
