import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync, writeFileSync, renameSync, existsSync } from "node:fs";
import type { Clock } from "./clock";

export type KeyType = "INFERENCE" | "ADMIN";
export type Period = "EPOCH" | "MONTH" | "LIFETIME";
export type Privacy = "ALL" | "PRIVATE_TEXT" | "PRIVATE_ONLY";

export interface Caps {
  usd: number | null;
  diem: number | null;
  vcu: number | null;
}

/** One key as the emulated account holds it. `secret` never leaves the store except in a create answer. */
export interface KeyRecord {
  id: string;
  secret: string;
  apiKeyType: KeyType;
  description: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  consumptionLimits: Caps;
  limitPeriod: Period;
  modelPrivacy: Privacy;
  deletedAt: string | null;
}

export type NewKey = Pick<
  KeyRecord,
  "apiKeyType" | "description" | "expiresAt" | "consumptionLimits" | "limitPeriod" | "modelPrivacy"
>;

/** Venice secrets look like VENICE_<TYPE>_KEY_ followed by 42 characters of [A-Za-z0-9_-]. */
function newSecret(type: KeyType): string {
  return `VENICE_${type}_KEY_${randomBytes(32).toString("base64url").slice(0, 42)}`;
}

export class KeyStore {
  private records: KeyRecord[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly file?: string,
  ) {
    if (file && existsSync(file)) {
      const parsed = JSON.parse(readFileSync(file, "utf8")) as { keys?: KeyRecord[] };
      this.records = parsed.keys ?? [];
    }
  }

  isActive(r: KeyRecord): boolean {
    if (r.deletedAt !== null) return false;
    return r.expiresAt === null || Date.parse(r.expiresAt) > this.clock.now().getTime();
  }

  /** Active keys, newest first, as Venice lists them. */
  active(): KeyRecord[] {
    // Records are kept in creation order; reversing first lets the stable sort break createdAt ties
    // (same millisecond, or a clock set back) newest-first without looking anything up.
    return this.records
      .filter((r) => this.isActive(r))
      .reverse()
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  all(): KeyRecord[] {
    return [...this.records];
  }

  findActive(id: string): KeyRecord | undefined {
    const r = this.records.find((k) => k.id === id);
    return r && this.isActive(r) ? r : undefined;
  }

  find(id: string): KeyRecord | undefined {
    return this.records.find((k) => k.id === id);
  }

  findBySecret(secret: string): KeyRecord | undefined {
    return this.records.find((k) => k.secret === secret);
  }

  create(fields: NewKey): KeyRecord {
    const record: KeyRecord = {
      ...fields,
      id: randomUUID(),
      secret: newSecret(fields.apiKeyType),
      createdAt: this.clock.now().toISOString(),
      lastUsedAt: null,
      deletedAt: null,
    };
    this.records.push(record);
    this.persist();
    return record;
  }

  update(id: string, change: Partial<Omit<KeyRecord, "id" | "secret">>): KeyRecord | undefined {
    const r = this.find(id);
    if (!r) return undefined;
    Object.assign(r, change);
    this.persist();
    return r;
  }

  delete(id: string): boolean {
    const r = this.findActive(id);
    if (!r) return false;
    r.deletedAt = this.clock.now().toISOString();
    this.persist();
    return true;
  }

  touch(r: KeyRecord): void {
    r.lastUsedAt = this.clock.now().toISOString();
  }

  reset(): void {
    this.records = [];
    this.persist();
  }

  persist(): void {
    if (!this.file) return;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ keys: this.records }, null, 2));
    renameSync(tmp, this.file);
  }
}
