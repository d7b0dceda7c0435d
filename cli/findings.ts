import { DAY_MS, keyIdentity, type ApiKeyType } from "../domain";
import type { VeniceKey } from "../provider/core";

/**
 * What `pulumi-venice audit` reports: pure functions of the account's live keys, the stacks' states
 * and now. A key can have several findings (an unmanaged ADMIN key without expiry, say).
 */
export type FindingKind = "unmanaged" | "expiring" | "admin-without-expiry" | "uncapped" | "unused";

export interface Finding {
  kind: FindingKind;
  keyId: string;
  description: string;
  apiKeyType: ApiKeyType;
  expiresAt: string | null;
  lastUsedAt: string | null;
  reason: string;
  /** On `unmanaged`: the key matches a create left pending in a stack's state (an interrupted run). */
  interrupted?: boolean;
}

/** What the audit needs from one stack's state. */
export interface StackView {
  /** A name for messages: the stack's name or the state file's path. */
  name: string;
  /** Ids of the ApiKeys the stack holds. */
  keyIds: Set<string>;
  /** Type and description of ApiKeys whose create was pending when the state was written. */
  pendingCreates: Array<{ apiKeyType: string; description: string }>;
}

export interface AuditPolicy {
  now: Date;
  expiringWithinMs: number;
  unusedForMs: number;
}

const days = (ms: number) => (ms < DAY_MS ? "less than a day" : `${Math.round(ms / DAY_MS)} days`);

export function findings(
  keys: readonly VeniceKey[],
  stacks: readonly StackView[],
  policy: AuditPolicy,
): Finding[] {
  const now = policy.now.getTime();
  const result: Finding[] = [];
  for (const key of keys) {
    const add = (kind: FindingKind, reason: string, extra: Partial<Finding> = {}) =>
      result.push({
        kind,
        keyId: key.id,
        description: key.description,
        apiKeyType: key.apiKeyType,
        expiresAt: key.expiresAt ?? null,
        lastUsedAt: key.lastUsedAt ?? null,
        reason,
        ...extra,
      });

    if (stacks.length > 0 && !stacks.some((s) => s.keyIds.has(key.id))) {
      const pendingIn = stacks.find((s) => s.pendingCreates.some((p) => keyIdentity(p) === keyIdentity(key)));
      if (pendingIn) {
        add(
          "unmanaged",
          `in no given stack; matches a create left pending in ${pendingIn.name} by an interrupted run: its secret was never recorded`,
          { interrupted: true },
        );
      } else {
        add("unmanaged", `in none of the given stacks (${stacks.map((s) => s.name).join(", ")})`);
      }
    }

    const expiresAt = key.expiresAt ? Date.parse(key.expiresAt) : undefined;
    if (expiresAt !== undefined && expiresAt - now <= policy.expiringWithinMs) {
      add("expiring", expiresAt <= now ? "has expired" : `expires in ${days(expiresAt - now)}`);
    }
    if (key.apiKeyType === "ADMIN" && expiresAt === undefined) {
      add("admin-without-expiry", "an ADMIN key that never expires; Venice advises short-lived admin keys");
    }
    const caps = key.consumptionLimits;
    if (!caps || (caps.usd == null && caps.diem == null && caps.vcu == null)) {
      add("uncapped", "no consumption limit: it can spend without bound");
    }
    const lastUse = key.lastUsedAt ? Date.parse(key.lastUsedAt) : undefined;
    const since = lastUse ?? (key.createdAt ? Date.parse(key.createdAt) : undefined);
    if (since !== undefined && now - since >= policy.unusedForMs) {
      add(
        "unused",
        lastUse === undefined
          ? `never used in the ${days(now - since)} since it was made`
          : `not used for ${days(now - since)}`,
      );
    }
  }
  return result;
}
