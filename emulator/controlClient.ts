import type { FaultRule } from "./faults";
import type { LoggedRequest } from "./requestLog";

/** A key as the control API shows it: the read view plus its lifecycle state. Never the secret. */
export interface EmulatedKey {
  id: string;
  apiKeyType: "INFERENCE" | "ADMIN";
  description: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  last6Chars: string;
  consumptionLimits: { usd: number | null; diem: number | null; vcu: number | null };
  limitPeriod: "EPOCH" | "MONTH" | "LIFETIME";
  modelPrivacy: "ALL" | "PRIVATE_TEXT" | "PRIVATE_ONLY";
  state: "active" | "expired" | "deleted";
}

export type FaultRuleInput = Omit<FaultRule, "count"> & { count?: number };

/**
 * A typed client for the /_emulator control API, for tests, the demo and users' own CI scripts.
 * It talks HTTP like any other consumer; it does not reach into the server's memory.
 */
export class EmulatorControl {
  constructor(
    private readonly controlUrl: string,
    private readonly adminKey: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.controlUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.adminKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`emulator control ${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** Every key the account ever had, including deleted and expired ones. */
  async keys(): Promise<EmulatedKey[]> {
    return (await this.call<{ data: EmulatedKey[] }>("GET", "/keys")).data;
  }

  async activeKeys(): Promise<EmulatedKey[]> {
    return (await this.keys()).filter((k) => k.state === "active");
  }

  /** An out-of-band edit, as someone changing the key in Venice's dashboard. */
  async editKey(
    id: string,
    change: Partial<Omit<EmulatedKey, "id" | "createdAt" | "last6Chars" | "state" | "consumptionLimits">> & {
      consumptionLimits?: Partial<EmulatedKey["consumptionLimits"]>;
    },
  ): Promise<EmulatedKey> {
    return (await this.call<{ data: EmulatedKey }>("PATCH", `/keys/${id}`, change)).data;
  }

  async deleteKey(id: string): Promise<void> {
    await this.call("DELETE", `/keys/${id}`);
  }

  async expireKey(id: string): Promise<EmulatedKey> {
    return (await this.call<{ data: EmulatedKey }>("POST", `/keys/${id}/expire`)).data;
  }

  async now(): Promise<Date> {
    return new Date((await this.call<{ now: string }>("GET", "/clock")).now);
  }

  async advanceClock(ms: number): Promise<Date> {
    return new Date((await this.call<{ now: string }>("POST", "/clock", { advanceMs: ms })).now);
  }

  async injectFaults(rules: FaultRuleInput[]): Promise<void> {
    await this.call("POST", "/faults", { rules });
  }

  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/faults");
  }

  async pendingFaults(): Promise<FaultRule[]> {
    return (await this.call<{ data: FaultRule[] }>("GET", "/faults")).data;
  }

  async requests(): Promise<LoggedRequest[]> {
    return (await this.call<{ data: LoggedRequest[] }>("GET", "/requests")).data;
  }

  async clearRequests(): Promise<void> {
    await this.call("DELETE", "/requests");
  }

  async configure(change: { limits?: Record<string, number>; behaviour?: Record<string, string | number> }) {
    return this.call<{ limits: Record<string, number>; behaviour: Record<string, string | number> }>(
      "PATCH",
      "/config",
      change,
    );
  }

  async reset(): Promise<void> {
    await this.call("POST", "/reset");
  }
}
