import type { VeniceClient } from "../client/veniceClient";
import { VeniceEngineGoneError } from "./errors";

/**
 * What a front with an engine lends the lifecycle, so that an engine dying mid-run loses nothing: the
 * signal that stops pending work, the check before a new key's secret is handed back, and the count of
 * operations in flight. The core only calls it; how the engine is watched is the front's business
 * (fronts/shared/engineGuard.ts for the Pulumi hosts). Without an engine (tests, the CLI, lookups in a
 * program) `NO_ENGINE` passes everything through.
 */
export interface EngineGuard {
  /** Aborts when the engine is gone: pending waits stop and no further attempt starts. */
  readonly signal: AbortSignal | undefined;
  isGone(): boolean;
  /** Runs one lifecycle operation, counted, so the process can exit once none is left. */
  operation<T>(work: () => Promise<T>): Promise<T>;
  /** Called with a key just made, before its secret is handed back (may delete it and throw). */
  handOver(client: VeniceClient, id: string): Promise<void>;
  /** The error an operation fails with once the engine is gone, naming that engine. */
  goneError(): Error;
}

export const NO_ENGINE: EngineGuard = {
  signal: undefined,
  isGone: () => false,
  operation: (work) => work(),
  handOver: async () => undefined,
  goneError: () => new VeniceEngineGoneError(),
};

/**
 * Counts a front's operations in flight, so that a process whose engine is gone exits as soon as none
 * is left (and not in the middle of one): `operation` for the guard, `exitWhenIdle` after the engine died.
 */
export function operationCounter(isGone: () => boolean): {
  operation<T>(work: () => Promise<T>): Promise<T>;
  exitWhenIdle(): void;
} {
  let inFlight = 0;
  const exitWhenIdle = () => {
    if (isGone() && inFlight === 0) process.exit(0);
  };
  return {
    exitWhenIdle,
    async operation<T>(work: () => Promise<T>): Promise<T> {
      inFlight++;
      try {
        return await work();
      } finally {
        inFlight--;
        exitWhenIdle();
      }
    },
  };
}
