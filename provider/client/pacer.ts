/**
 * Keeps key creations from one provider process under Venice's per-account cap (20 per minute), however
 * many resources `pulumi up` creates in parallel. A sliding window of start times: a creation waits until
 * it is the N-th in the last window. Other processes on the same account can still cause a 429; the
 * pipeline's retry handles that, and `pushBack` makes later creations wait too.
 */
export class CreationPacer {
  private starts: number[] = [];
  private blockedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly perWindow: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when one more creation may start, and counts it. Callers are served in arrival order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Venice said 429 anyway (another process on the account): hold every creation until `untilMs`. */
  pushBack(untilMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, untilMs);
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.starts = this.starts.filter((t) => now - t < this.windowMs);
      const waitBlocked = this.blockedUntil - now;
      const waitWindow = this.starts.length >= this.perWindow ? this.starts[0]! + this.windowMs - now : 0;
      const wait = Math.max(waitBlocked, waitWindow);
      if (wait <= 0) {
        this.starts.push(now);
        return;
      }
      await this.sleep(wait);
    }
  }
}
