/** One API request as the emulator saw it; benchmarks and fault tests count calls from this. */
export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  /**
   * The HTTP status sent, or what happened instead: "reset" (connection reset before anything was
   * applied), "dropped" (applied, then the connection was closed without an answer), "abandoned" (the
   * client left during injected latency; nothing was applied).
   */
  status: number | "reset" | "dropped" | "abandoned";
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
