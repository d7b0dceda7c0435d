import { connect } from "node:net";

/**
 * Whether the Pulumi engine that started this provider process is still there.
 *
 * The engine starts the dynamic-provider host as `node .../cmd/dynamic-provider/index.js <engine address>`
 * and never tells it when it dies: a CLI killed by a lost CI runner, an OOM kill or a job timeout leaves
 * the host running, finishing queued creates whose secrets nobody can receive. Pulumi's Go plugins poll
 * the engine's health every five minutes; creates are paced over minutes, so this probes every second.
 * A TCP connect is the probe: a dead engine's port refuses at once, and it costs nothing on loopback.
 *
 * Twin: toolchain/langhost/engineWatch.js does the same in the language-host stand-in, which runs from
 * the CLI cache and cannot import this file; keep the two in step. tests/engine/engineWatch.test.ts
 * holds both hosts to the same behaviour.
 */
export const PROBE_INTERVAL_MS = 1_000;
/** Refusals in a row before the engine counts as gone (one could be a blip under load). */
const MISSES_TO_GONE = 2;

export interface EngineWatch {
  /** Aborted once the engine is gone: pending work stops, and work that finishes late is undone. */
  readonly signal: AbortSignal;
  /**
   * Asks now, without waiting for the next probe: before a secret is handed back, so that an answer
   * arriving just after a kill is undone rather than sent to nobody. Two refusals 50 ms apart count.
   */
  alive(): Promise<boolean>;
  stop(): void;
}

/**
 * The engine's `host:port` when this process is a plugin the engine started (Pulumi's dynamic-provider
 * host, or the native venice provider), else undefined.
 */
export function engineAddressOf(argv: readonly string[]): string | undefined {
  const script = argv[1] ?? "";
  const isPlugin =
    /dynamic-provider[\\/](index\.js)?$/.test(script) ||
    script.endsWith("dynamic-provider") ||
    /fronts[\\/]pulumi[\\/]main\.js$/.test(script) ||
    // A standalone executable (npm run release) is started as [exe, exe, <engine address>].
    isStandalone();
  if (!isPlugin) return undefined;
  const address = argv[2];
  return address && /^[^\s:]+:\d+$/.test(address) ? address : undefined;
}

function isStandalone(): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- node:sea exists from Node 20
    return (require("node:sea") as { isSea(): boolean }).isSea();
  } catch {
    return false;
  }
}

function refused(address: string): Promise<boolean> {
  const colon = address.lastIndexOf(":");
  return new Promise((resolve) => {
    const socket = connect({ host: address.slice(0, colon), port: Number(address.slice(colon + 1)) });
    socket.setTimeout(PROBE_INTERVAL_MS);
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("timeout", () => (socket.destroy(), resolve(false))); // slow is not gone
    socket.once("error", () => resolve(true));
  });
}

/** Probes `address` until it refuses; the timer never keeps the process alive by itself. */
export function watchEngine(address: string, onGone: () => void): EngineWatch {
  const controller = new AbortController();
  let misses = 0;
  let probing = false;
  const timer = setInterval(() => {
    if (probing) return;
    probing = true;
    void refused(address).then((isRefused) => {
      probing = false;
      misses = isRefused ? misses + 1 : 0;
      if (misses >= MISSES_TO_GONE && !controller.signal.aborted) {
        clearInterval(timer);
        controller.abort(new Error("the Pulumi engine is gone"));
        onGone();
      }
    });
  }, PROBE_INTERVAL_MS);
  timer.unref();
  const alive = async () => {
    if (controller.signal.aborted) return false;
    if (!(await refused(address))) return true;
    await new Promise((r) => setTimeout(r, 50));
    return !(await refused(address));
  };
  return { signal: controller.signal, alive, stop: () => clearInterval(timer) };
}
