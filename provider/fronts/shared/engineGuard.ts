import type { VeniceClient } from "../../client/veniceClient";
import { operationCounter, type EngineGuard } from "../../core";
import { VeniceEngineGoneError } from "../../core/errors";
import { watchEngine } from "./engineWatch";

/**
 * What a Pulumi plugin host (the dynamic-provider host, the native plugin) does about the engine that
 * started it going away. The engine is watched (engineWatch.ts): when it is gone (its CLI was killed),
 * queued creates never start, a create answered afterwards is undone, keys handed back just before are
 * undone too, and the process exits as soon as no operation is left. One per process: the engine
 * starts one host process per provider, and the guard covers every lifecycle in it.
 */
export function engineGuard(engineAddress: string | undefined): EngineGuard {
  // Pulumi closes (kills) plugins before its own servers at a normal end, so only a dead engine trips this.
  const engine = engineAddress
    ? watchEngine(engineAddress, () => void undoUnrecorded().catch(() => undefined))
    : undefined;
  const isGone = () => engine?.signal.aborted ?? false;
  const { operation } = operationCounter(isGone);

  /**
   * Keys handed back to the engine in the last moments. The engine records a created key in its
   * checkpoint only after our answer reaches it; killed in between (tens of milliseconds on a loaded
   * machine), it never will, and the key's secret is lost. So when the engine turns out to be gone, keys
   * handed back within `UNRECORDED_MS` before that are deleted too: one the engine did record then shows
   * as deleted, which `pulumi up --refresh` (the recovery after a killed run) heals, where an orphan
   * would stay invisible. The span covers detection (two missed probes, about 2 s) plus the engine's write.
   */
  const UNRECORDED_MS = 5_000;
  const handedBack: Array<{ id: string; at: number; venice: VeniceClient }> = [];
  async function undoUnrecorded(): Promise<void> {
    await operation(async () => {
      const since = Date.now() - UNRECORDED_MS;
      for (const { id, at, venice } of handedBack) {
        if (at >= since) await venice.deleteKey(id).catch(() => undefined);
      }
    });
  }

  return {
    signal: engine?.signal,
    goneError: () => new VeniceEngineGoneError(),
    isGone,
    operation,
    async handOver(venice, id) {
      if (!engine) return;
      if (!(await engine.alive())) {
        await venice.deleteKey(id);
        throw new VeniceEngineGoneError();
      }
      const now = Date.now();
      while (handedBack.length > 0 && handedBack[0]!.at < now - UNRECORDED_MS) handedBack.shift();
      handedBack.push({ id, at: now, venice });
    },
  };
}
