import { FIELDS, normalisedFrom, type ApiKeyInputs } from "./inputs";
import { containsUnknown } from "./unknown";

type Field = (typeof FIELDS)[number];

/** Fields Venice cannot change on an existing key: a change means a new key. */
export const REPLACE_FIELDS: readonly Field[] = ["apiKeyType"];

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
 * The declared fields that differ between the state (`olds`, the last known outputs) and the checked
 * new inputs. Never `__provider` (a provider upgrade is not a change to the key) and never usage figures.
 * A value still unknown at preview counts as changed.
 */
export function changedFields(olds: Record<string, unknown>, news: Record<string, unknown>): Field[] {
  const before = normalisedFrom(olds);
  const after = normalisedFrom(news);
  return FIELDS.filter((f) => containsUnknown(after[f]) || !sameValue(before[f], after[f]));
}

export interface ApiKeyDiff {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export function diffApiKey(olds: Record<string, unknown>, news: Record<string, unknown>): ApiKeyDiff {
  const changed = changedFields(olds, news);
  return {
    changes: changed.length > 0,
    replaces: changed.filter((f) => REPLACE_FIELDS.includes(f)),
    // Create the replacement first, so consumers can switch before the old key goes.
    deleteBeforeReplace: false,
  };
}

/** The PATCH body for an in-place update: exactly the changed fields, with clearing made explicit. */
export function updateRequest(id: string, olds: Record<string, unknown>, news: ApiKeyInputs) {
  const body: {
    id: string;
    description?: string;
    expiresAt?: string | null;
    consumptionLimit?: { usd: number | null; diem: number | null };
    limitPeriod?: ApiKeyInputs["limitPeriod"];
    modelPrivacy?: ApiKeyInputs["modelPrivacy"];
  } = { id };
  for (const field of changedFields(olds, news as unknown as Record<string, unknown>)) {
    switch (field) {
      case "description":
        body.description = news.description;
        break;
      case "expiresAt":
        body.expiresAt = news.expiresAt ?? null;
        break;
      case "consumptionLimit":
        // Every managed currency is sent: whether Venice keeps an omitted one is undocumented.
        body.consumptionLimit = {
          usd: news.consumptionLimit?.usd ?? null,
          diem: news.consumptionLimit?.diem ?? null,
        };
        break;
      case "limitPeriod":
        body.limitPeriod = news.limitPeriod;
        break;
      case "modelPrivacy":
        body.modelPrivacy = news.modelPrivacy;
        break;
      case "apiKeyType":
        break; // immutable: handled by replacement, never sent
    }
  }
  return body;
}
