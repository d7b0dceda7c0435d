/**
 * The emulator's notion of "now". It runs with real time plus an offset, so a test can jump forward
 * (expiry, epoch and month windows, rate-limit windows) without waiting, while time still passes
 * naturally for a long-running demo.
 */
export interface Clock {
  now(): Date;
}

export class VirtualClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): Date {
    return new Date(this.base() + this.offsetMs);
  }

  advance(ms: number): Date {
    this.offsetMs += ms;
    return this.now();
  }

  set(at: Date): Date {
    this.offsetMs = at.getTime() - this.base();
    return this.now();
  }
}
