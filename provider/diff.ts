import { FIELDS, LIFECYCLE_FIELDS, VENICE_FIELDS, normalisedFrom, type ApiKeyInputs } from "./inputs";
import { plannedExpiry, readyForRotation } from "./rotation";
import { containsUnknown } from "./unknown";

type Field = (typeof FIELDS)[number];

/** Fields Venice cannot change on an existing key: a change means a new key. */
export const REPLACE_FIELDS: readonly Field[] = ["apiKeyType"];

/**
 * The provider's own settings (LIFECYCLE_FIELDS) are diffed too: a change is recorded in state (it decides
 * later behaviour) but sends nothing to Venice. Adoption is not: it only matters at create, so changing
 * it later changes nothing.
 */

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return (a ?? null) === (b ?? null);
  if (typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) =>
      sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    );
  }
  return false;
}

/**
 * The checked inputs with the expiry made concrete. A key with `expireAfter` declares a lifetime, not
 * a date: its expiry is the one planned from its creation (see rotation.ts), so it is never recomputed
 * from "now" while the key lives, and a dashboard edit of it still shows as drift.
 */
export function declaredInputs(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  now: Date,
): Record<string, unknown> {
  const expireAfter = news.expireAfter;
  if (typeof expireAfter !== "string" || containsUnknown(expireAfter)) return news;
  const state = normalisedFrom(olds);
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  const expiresAt = plannedExpiry(
    {
      issuedAt: text(olds.issuedAt),
      createdAt: text(olds.createdAt),
      expiresAt: state.expiresAt,
      expireAfter: state.expireAfter,
    },
    expireAfter,
    now,
  );
  return { ...news, expiresAt };
}

/**
 * The declared fields that differ between the state (`olds`, the last known outputs) and the checked
 * new inputs. Never `__provider` (a provider upgrade is not a change to the key), never usage figures,
 * never the adoption arguments. A value still unknown at preview counts as changed.
 */
export function changedFields(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  now: Date = new Date(),
): Field[] {
  const before = normalisedFrom(olds);
  const after = normalisedFrom(declaredInputs(olds, news, now));
  return [...VENICE_FIELDS, ...LIFECYCLE_FIELDS].filter(
    (f) => containsUnknown(after[f]) || !sameValue(before[f], after[f]),
  );
}

export interface ApiKeyDiff {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export function diffApiKey(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  now: Date = new Date(),
): ApiKeyDiff {
  const changed = changedFields(olds, news, now);
  const replaces: string[] = changed.filter((f) => REPLACE_FIELDS.includes(f));
  // A trigger rotates when it changes from one value to another. Adding one to a key that had none (or
  // removing it) only starts (or stops) tracking: migrating a stack must not rotate every key at once.
  if (changed.includes("rotationTrigger") && olds.rotationTrigger != null && news.rotationTrigger != null) {
    replaces.push("rotationTrigger");
  }
  // Inside the rotation window (or past the expiry) the key is replaced, so that the drift gate fails
  // before the outage and `pulumi up` rotates.
  const declared = normalisedFrom(declaredInputs(olds, news, now));
  if (!containsUnknown(declared.expireAfter) && !containsUnknown(declared.rotateBefore)) {
    if (readyForRotation(declared, now)) replaces.push("expiresAt");
  }
  return {
    changes: changed.length > 0 || replaces.length > 0,
    replaces,
    // Create the replacement first, so consumers can switch before the old key goes.
    deleteBeforeReplace: false,
  };
}

/** The PATCH body for an in-place update: exactly the changed Venice fields, with clearing made explicit. */
export function updateRequest(
  id: string,
  olds: Record<string, unknown>,
  news: ApiKeyInputs,
  now: Date = new Date(),
) {
  return patchBody(id, olds, declaredInputs(olds, news as unknown as Record<string, unknown>, now));
}

/** The PATCH body that takes a key from `current` (Venice's or state's view) to `target` (concrete). */
export function patchBody(id: string, current: Record<string, unknown>, target: Record<string, unknown>) {
  const before = normalisedFrom(current);
  const after = normalisedFrom(target) as ApiKeyInputs;
  const body: {
    id: string;
    description?: string;
    expiresAt?: string | null;
    consumptionLimit?: { usd: number | null; diem: number | null };
    limitPeriod?: ApiKeyInputs["limitPeriod"];
    modelPrivacy?: ApiKeyInputs["modelPrivacy"];
  } = { id };
  for (const field of VENICE_FIELDS) {
    if (sameValue(before[field], after[field])) continue;
    switch (field) {
      case "description":
        body.description = after.description;
        break;
      case "expiresAt":
        body.expiresAt = after.expiresAt ?? null;
        break;
      case "consumptionLimit":
        // Every managed currency is sent: whether Venice keeps an omitted one is undocumented.
        body.consumptionLimit = {
          usd: after.consumptionLimit?.usd ?? null,
          diem: after.consumptionLimit?.diem ?? null,
        };
        break;
      case "limitPeriod":
        body.limitPeriod = after.limitPeriod;
        break;
      case "modelPrivacy":
        body.modelPrivacy = after.modelPrivacy;
        break;
      case "apiKeyType":
        break; // immutable: handled by replacement, never sent
    }
  }
  return body;
}
