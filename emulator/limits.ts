import type { Clock } from "./clock";
import type { Limits } from "./options";

/** Sliding-window cap on key creations for the (single) emulated account. */
export class CreationLimiter {
  private stamps: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly limits: Limits,
  ) {}

  /** Records a creation if allowed; otherwise returns the epoch ms when a slot frees up. */
  tryTake(): { ok: true; remaining: number } | { ok: false; resetAt: number } {
    const now = this.clock.now().getTime();
    this.stamps = this.stamps.filter((t) => now - t < this.limits.creationWindowMs);
    if (this.stamps.length >= this.limits.creationsPerWindow) {
      return { ok: false, resetAt: this.stamps[0]! + this.limits.creationWindowMs };
    }
    this.stamps.push(now);
    return { ok: true, remaining: this.limits.creationsPerWindow - this.stamps.length };
  }

  reset(): void {
    this.stamps = [];
  }
}

/**
 * Venice's failed-request budget: more than `errorBudget` non-429 4xx answers to one caller inside a
 * fixed window block that caller with 429 until the window ends. 5xx answers never count.
 */
export class ErrorBudget {
  private windows = new Map<string, { start: number; failures: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: Limits,
  ) {}

  private window(caller: string): { start: number; failures: number } {
    const now = this.clock.now().getTime();
    let w = this.windows.get(caller);
    if (!w || now - w.start >= this.limits.errorBudgetWindowMs) {
      w = { start: now, failures: 0 };
      this.windows.set(caller, w);
    }
    return w;
  }

  /** When the caller is locked out, the epoch ms at which the lock lifts. */
  blockedUntil(caller: string): number | undefined {
    const w = this.window(caller);
    return w.failures > this.limits.errorBudget ? w.start + this.limits.errorBudgetWindowMs : undefined;
  }

  record(caller: string, status: number): void {
    if (status >= 400 && status < 500 && status !== 429) this.window(caller).failures += 1;
  }

  remaining(caller: string): number {
    return Math.max(0, this.limits.errorBudget - this.window(caller).failures);
  }

  resetsAt(caller: string): number {
    return this.window(caller).start + this.limits.errorBudgetWindowMs;
  }

  reset(): void {
    this.windows.clear();
  }
}
