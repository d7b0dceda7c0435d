/** One API request as the emulator saw it; benchmarks and fault tests count calls from this. */
export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  /** The HTTP status sent, or what happened instead of a response. */
  status: number | "reset" | "dropped";
  durationMs: number;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
