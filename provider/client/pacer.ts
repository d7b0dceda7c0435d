import { sleep as defaultSleep } from "./sleep";

/**
 * Keeps key creations from one provider process under Venice's per-account cap (20 per minute), however
 * many resources `pulumi up` creates in parallel, and shares the account well with other processes.
 *
 * - A sliding window of start times: a creation waits until it is the N-th in the last window. Venice
 *   stamps a creation when it arrives, the pacer when it leaves, so each start occupies its slot a little
 *   longer than the window (`SLOT_MARGIN`): 5% of throughput for a 429 saved per window.
 * - A start Venice refused with 429 did not count at Venice, so its slot is given back (`refund`).
 *   Keeping it would leave this process out of local slots while Venice has room.
 * - After a 429 (another process, another stack, on the account), every creation waits for the reset
 *   Venice announced (`pushBack`), and then one creation at a time probes until one succeeds: Venice's
 *   window frees its slots one by one, so a whole queue sent at the reset instant would be refused but
 *   for one, by every process at once.
 */
const SLOT_MARGIN = (windowMs: number) => Math.max(250, windowMs * 0.05);

/** One creation's permission to start; the caller settles it exactly once with the attempt's outcome. */
export interface CreationSlot {
  /** The attempt reached Venice and may have counted (success, 5xx, lost answer, other 4xx). */
  used(): void;
  /** Venice refused it with 429: it did not count, so the slot returns to the window. */
  refund(): void;
}

export class CreationPacer {
  private starts: number[] = [];
  private blockedUntil = 0;
  private probing = false;
  /** Settles when the outstanding probe (the one creation allowed while probing) does. */
  private probe: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly perWindow: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = defaultSleep,
  ) {}

  /**
   * Resolves when one more creation may start, and counts it. Callers are served in arrival order. A
   * caller whose `signal` aborts while it waits is dropped (rejected with the signal's reason).
   */
  acquire(signal?: AbortSignal): Promise<CreationSlot> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Venice said 429 (another process on the account): hold every creation until `untilMs`, then probe. */
  pushBack(untilMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, untilMs);
    this.probing = true;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<CreationSlot> {
    for (;;) {
      signal?.throwIfAborted();
      const probe = this.probe;
      if (probe) {
        await this.awaitProbe(probe, signal);
        continue;
      }
      const now = this.now();
      const span = this.windowMs + SLOT_MARGIN(this.windowMs);
      this.starts = this.starts.filter((t) => now - t < span);
      const waitBlocked = this.blockedUntil - now;
      const waitWindow = this.starts.length >= this.perWindow ? this.starts[0]! + span - now : 0;
      const wait = Math.max(waitBlocked, waitWindow);
      if (wait > 0) {
        await this.sleep(wait, signal);
        continue;
      }
      return this.take(now);
    }
  }

  /**
   * Waits for the outstanding probe to settle. One unsettled for a whole window is taken as used, so that
   * nothing can stall the queue; the wait's timer is cancelled as soon as the probe settles.
   */
  private async awaitProbe(probe: Promise<void>, signal?: AbortSignal): Promise<void> {
    const wait = new AbortController();
    const forward = () => wait.abort(signal!.reason);
    signal?.addEventListener("abort", forward, { once: true });
    const timedOut = this.sleep(this.windowMs, wait.signal).then(
      () => true,
      () => false,
    );
    try {
      if (await Promise.race([probe.then(() => false), timedOut])) {
        if (this.probe === probe) this.probe = undefined;
      }
    } finally {
      signal?.removeEventListener("abort", forward);
      wait.abort();
    }
    signal?.throwIfAborted();
  }

  private take(at: number): CreationSlot {
    this.starts.push(at);
    let endProbe: (() => void) | undefined;
    if (this.probing) this.probe = new Promise<void>((resolve) => (endProbe = resolve));
    let settled = false;
    const settle = (succeeded: boolean) => {
      if (settled) return;
      settled = true;
      if (endProbe) {
        if (succeeded) this.probing = false;
        this.probe = undefined;
        endProbe();
      }
    };
    return {
      used: () => settle(true),
      refund: () => {
        const i = this.starts.indexOf(at);
        if (i >= 0) this.starts.splice(i, 1);
        settle(false);
      },
    };
  }
}
