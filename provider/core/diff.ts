import {
  LIFECYCLE_FIELDS,
  REPLACE_FIELDS,
  VENICE_FIELDS,
  type ApiKeyInputs,
  type ApiKeyOutputs,
  type Field,
} from "../../domain";
import { normalisedFrom } from "./inputs";
import { plannedExpiry, readyForRotation } from "./rotation";
import { containsUnknown } from "./unknown";

export { REPLACE_FIELDS };

/**
 * The provider's own settings (LIFECYCLE_FIELDS) are diffed too: a change is recorded in state (it decides
 * later behaviour) but sends nothing to Venice. Adoption is not: it only matters at create, so changing
 * it later changes nothing.
 */

/** A resource's state as diff and update receive it: the last outputs, possibly from an older release. */
export type KeyState = Partial<ApiKeyOutputs>;

export function sameValue(a: unknown, b: unknown): boolean {
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
export function declaredInputs(olds: KeyState, news: ApiKeyInputs, now: Date): ApiKeyInputs {
  const expireAfter = news.expireAfter;
  if (typeof expireAfter !== "string" || containsUnknown(expireAfter)) return news;
  const expiresAt = plannedExpiry(
    {
      issuedAt: olds.issuedAt,
      createdAt: olds.createdAt,
      expiresAt: olds.expiresAt,
      expireAfter: olds.expireAfter,
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
export function changedFields(olds: KeyState, news: ApiKeyInputs, now: Date = new Date()): Field[] {
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

export function diffApiKey(olds: KeyState, news: ApiKeyInputs, now: Date = new Date()): ApiKeyDiff {
  return planDiff(olds, news, now).diff;
}

/**
 * The diff and the fields behind it, computed once: the native front reports the fields to the engine
 * (which shows them), the dynamic host has no place for them.
 */
export function planDiff(
  olds: KeyState,
  news: ApiKeyInputs,
  now: Date = new Date(),
): { diff: ApiKeyDiff; changed: Field[]; target: ApiKeyInputs } {
  const changed = changedFields(olds, news, now);
  const replaces: string[] = changed.filter((f) => REPLACE_FIELDS.includes(f));
  // A trigger rotates when it changes from one value to another. Adding one to a key that had none (or
  // removing it) only starts (or stops) tracking: migrating a stack must not rotate every key at once.
  if (changed.includes("rotationTrigger") && olds.rotationTrigger != null && news.rotationTrigger != null) {
    replaces.push("rotationTrigger");
  }
  // Inside the rotation window (or past the expiry) the key is replaced, so that the drift gate fails
  // before the outage and `pulumi up` rotates.
  const target = declaredInputs(olds, news, now);
  const declared = normalisedFrom(target);
  if (!containsUnknown(declared.expireAfter) && !containsUnknown(declared.rotateBefore)) {
    if (readyForRotation(declared, now)) replaces.push("expiresAt");
  }
  const diff = {
    changes: changed.length > 0 || replaces.length > 0,
    replaces,
    // Create the replacement first, so consumers can switch before the old key goes.
    deleteBeforeReplace: false,
  };
  return { diff, changed, target };
}
