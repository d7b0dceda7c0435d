import { sleep as defaultSleep } from "./sleep";

/**
 * Keeps key creations from one provider process under Venice's per-account cap (20 per minute), however
 * many resources `pulumi up` creates in parallel. A sliding window of start times: a creation waits until
 * it is the N-th in the last window. Other processes on the same account can still cause a 429; the
 * pipeline's retry handles that, and `pushBack` makes later creations wait too.
 *
 * Venice stamps a creation when it arrives, the pacer when it leaves, so a window measured here would
 * end slightly before Venice's does; each start therefore occupies its slot a little longer than the
 * window (`SLOT_MARGIN`), which costs 5% of throughput and saves a 429 per window.
 */
const SLOT_MARGIN = (windowMs: number) => Math.max(250, windowMs * 0.05);

export class CreationPacer {
  private starts: number[] = [];
  private blockedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

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
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Venice said 429 anyway (another process on the account): hold every creation until `untilMs`. */
  pushBack(untilMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, untilMs);
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      const span = this.windowMs + SLOT_MARGIN(this.windowMs);
      this.starts = this.starts.filter((t) => now - t < span);
      const waitBlocked = this.blockedUntil - now;
      const waitWindow = this.starts.length >= this.perWindow ? this.starts[0]! + span - now : 0;
      const wait = Math.max(waitBlocked, waitWindow);
      if (wait <= 0) {
        this.starts.push(now);
        return;
      }
      await this.sleep(wait, signal);
    }
  }
}
