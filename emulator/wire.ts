import type { KeyRecord } from "./store";

/** What Venice's read side (list, get) returns for a key. */
export function readView(r: KeyRecord, withUsage: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: r.id,
    apiKeyType: r.apiKeyType,
    description: r.description,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    lastUsedAt: r.lastUsedAt,
    last6Chars: r.secret.slice(-6),
    consumptionLimits: { ...r.consumptionLimits },
    limitPeriod: r.limitPeriod,
    modelPrivacy: r.modelPrivacy,
  };
  if (withUsage) {
    // The emulator spends nothing, so usage is always zero; Venice formats it as 4-decimal strings.
    view.usage = { trailingSevenDays: { usd: "0.0000", vcu: "0.0000", diem: "0.0000" } };
    if (r.consumptionLimits.usd !== null || r.consumptionLimits.diem !== null) {
      view.currentPeriodUsage = { usd: "0.0000", diem: "0.0000" };
    }
  }
  return view;
}

/** The create answer: the only place the secret appears; singular `consumptionLimit`, no createdAt. */
export function createdView(r: KeyRecord): Record<string, unknown> {
  return {
    id: r.id,
    apiKey: r.secret,
    apiKeyType: r.apiKeyType,
    description: r.description,
    expiresAt: r.expiresAt,
    consumptionLimit: { ...r.consumptionLimits },
    limitPeriod: r.limitPeriod,
    modelPrivacy: r.modelPrivacy,
  };
}
