import type { VeniceClient } from "./client/veniceClient";
import { engineAddressOf, watchEngine } from "./engineWatch";
import { VeniceEngineGoneError } from "./errors";

/**
 * What the provider host does about the engine that started it going away. Inside Pulumi's
 * dynamic-provider host the engine is watched (engineWatch.ts): when it is gone (its CLI was killed),
 * queued creates never start, a create answered afterwards is undone, keys handed back just before are
 * undone too, and the process exits as soon as no operation is left. Elsewhere (tests, lookups in a
 * program) nothing is watched and every function here is a pass-through.
 */
const engineAddress = engineAddressOf(process.argv);
// Pulumi closes (kills) plugins before its own servers at a normal end, so only a dead engine trips this.
const engine = engineAddress
  ? watchEngine(engineAddress, () => void undoUnrecorded().catch(() => undefined))
  : undefined;

/** Aborts when the engine is gone: pending waits stop and no further attempt starts. */
export const engineSignal: AbortSignal | undefined = engine?.signal;

export function engineIsGone(): boolean {
  return engine?.signal.aborted ?? false;
}

let inFlight = 0;

function exitWhenIdle(): void {
  if (engineIsGone() && inFlight === 0) process.exit(0);
}

/** Runs one lifecycle operation, so that the host exits only once none is left after the engine died. */
export async function operation<T>(work: () => Promise<T>): Promise<T> {
  inFlight++;
  try {
    return await work();
  } finally {
    inFlight--;
    exitWhenIdle();
  }
}

/**
 * Keys handed back to the engine in the last moments. The engine records a created key in its checkpoint
 * only after our answer reaches it; killed in between (tens of milliseconds on a loaded machine), it never
 * will, and the key's secret is lost. So when the engine turns out to be gone, keys handed back within
 * `UNRECORDED_MS` before that are deleted too: one the engine did record then shows as deleted, which
 * `pulumi up --refresh` (the recovery after a killed run) heals, where an orphan would stay invisible.
 * The span covers detection (two missed probes, about 2 s) plus the engine's own write.
 */
const UNRECORDED_MS = 5_000;
const handedBack: Array<{ id: string; at: number; venice: VeniceClient }> = [];

/**
 * Called with a key just created, before its secret is handed back: when the engine is already gone the
 * key is deleted and VeniceEngineGoneError thrown, since the secret could never reach state; otherwise
 * the key is remembered for the undo above.
 */
export async function handOver(venice: VeniceClient, id: string): Promise<void> {
  if (!engine) return;
  if (!(await engine.alive())) {
    await venice.deleteKey(id);
    throw new VeniceEngineGoneError();
  }
  const now = Date.now();
  while (handedBack.length > 0 && handedBack[0]!.at < now - UNRECORDED_MS) handedBack.shift();
  handedBack.push({ id, at: now, venice });
}

async function undoUnrecorded(): Promise<void> {
  await operation(async () => {
    const since = Date.now() - UNRECORDED_MS;
    for (const { id, at, venice } of handedBack) {
      if (at >= since) await venice.deleteKey(id).catch(() => undefined);
    }
  });
}
