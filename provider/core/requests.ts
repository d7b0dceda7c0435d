import { VENICE_FIELDS, type ApiKeyInputs } from "../../domain";
import type { CreateKeyRequest, UpdateKeyRequest } from "../client/veniceClient";
import { declaredInputs, sameValue, type KeyState } from "./diff";
import { normalisedFrom } from "./inputs";

/** The POST body for a new key with this (concrete) declaration: only fields the spec lists. */
export function createRequest(target: ApiKeyInputs): CreateKeyRequest {
  return {
    apiKeyType: target.apiKeyType,
    description: target.description,
    ...(target.expiresAt ? { expiresAt: target.expiresAt } : {}),
    ...(target.consumptionLimit ? { consumptionLimit: { ...target.consumptionLimit } } : {}),
    limitPeriod: target.limitPeriod,
    modelPrivacy: target.modelPrivacy,
  };
}

/** The PATCH body for an in-place update: exactly the changed Venice fields, with clearing made explicit. */
export function updateRequest(
  id: string,
  olds: KeyState,
  news: ApiKeyInputs,
  now: Date = new Date(),
): UpdateKeyRequest {
  return patchBody(id, olds, declaredInputs(olds, news, now));
}

/** The PATCH body that takes a key from `current` (Venice's or state's view) to `target` (concrete). */
export function patchBody(
  id: string,
  current: Partial<ApiKeyInputs>,
  target: ApiKeyInputs,
): UpdateKeyRequest {
  const before = normalisedFrom(current);
  const after = normalisedFrom(target);
  const body: UpdateKeyRequest = { id };
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
