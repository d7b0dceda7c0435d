/**
 * The provider's notion of now, for every time rule (expiry in the past, rotation windows, lifetimes,
 * retirement). Real time, moved by `PULUMI_VENICE_TEST_CLOCK_OFFSET_MS` when that is set: a test
 * advances the emulator's clock and the provider's by the same amount instead of waiting for a window
 * to open. Read at every call, so a test may change it between operations. Timing of requests (timeouts,
 * backoff, pacing) stays on real time: it is about the network, not about keys.
 */
export const CLOCK_OFFSET_VARIABLE = "PULUMI_VENICE_TEST_CLOCK_OFFSET_MS";

export function now(): Date {
  const offset = Number(process.env[CLOCK_OFFSET_VARIABLE] ?? 0);
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0));
}
