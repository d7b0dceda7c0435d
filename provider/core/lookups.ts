import type { ApiKeyType, Exactly, InfoField, LimitPeriod, ModelPrivacy } from "../../domain";
import { VeniceApiError } from "../client/errors";
import type { VeniceKey } from "../client/schemas";
import type { VeniceClient } from "../client/veniceClient";
import { withClient } from "./clients";
import { resolveSettings, type ConfigSource, type Precedence } from "./settings";

/** A key's metadata as a lookup returns it: never a secret. */
export interface ApiKeyInfo {
  id: string;
  description: string;
  apiKeyType: ApiKeyType;
  /** Canonical UTC instant, or undefined when the key never expires. */
  expiresAt?: string;
  /** Per-currency caps; null where the currency has no cap. */
  consumptionLimits: { usd: number | null; diem: number | null };
  limitPeriod: LimitPeriod;
  modelPrivacy: ModelPrivacy;
  createdAt?: string;
  lastUsedAt?: string;
  last6Chars?: string;
}

// The answer's fields are domain/'s INFO_FIELDS, which every front's lookup schema is built from.
const _infoFieldsAreTheAnswer: Exactly<keyof ApiKeyInfo, InfoField> = true;
void _infoFieldsAreTheAnswer;

export interface ApiKeyFilter {
  /** Keep keys whose description starts with this (case-sensitive). */
  descriptionPrefix?: string;
  apiKeyType?: ApiKeyType;
}

export function infoFrom(key: VeniceKey): ApiKeyInfo {
  const info: ApiKeyInfo = {
    id: key.id,
    description: key.description,
    apiKeyType: key.apiKeyType,
    consumptionLimits: { usd: key.consumptionLimits?.usd ?? null, diem: key.consumptionLimits?.diem ?? null },
    limitPeriod: key.limitPeriod,
    modelPrivacy: key.modelPrivacy,
  };
  if (key.expiresAt) info.expiresAt = new Date(key.expiresAt).toISOString();
  if (key.createdAt) info.createdAt = key.createdAt;
  if (key.lastUsedAt) info.lastUsedAt = key.lastUsedAt;
  if (key.last6Chars) info.last6Chars = key.last6Chars;
  return info;
}

export function matches(key: VeniceKey, filter: ApiKeyFilter): boolean {
  if (filter.apiKeyType !== undefined && key.apiKeyType !== filter.apiKeyType) return false;
  if (filter.descriptionPrefix !== undefined && !key.description.startsWith(filter.descriptionPrefix))
    return false;
  return true;
}

/** The error a lookup of an id Venice does not have fails with: it names the id. */
export function missingKey(id: string): VeniceApiError {
  return new VeniceApiError(
    400,
    "API key not found",
    "GET",
    "/api_keys/{id}",
    `Venice has no active key with id ${id} (deleted, expired, or another account's)`,
  );
}

/**
 * The lookups as a user's program runs them (sdk/lookups.ts), outside any provider process: a
 * short-lived client of their own (see withClient); they never create. A provider instance serves
 * the same lookups from its lifecycle (lifecycle.ts).
 */
function lookup<T>(
  config: ConfigSource | undefined,
  work: (venice: VeniceClient) => Promise<T>,
  precedence?: Precedence,
): Promise<T> {
  return withClient(resolveSettings(process.env, config, precedence), work);
}

/** The key with this id; rejects with a message naming the id when Venice has no active key with it. */
export function lookupApiKey(
  id: string,
  config?: ConfigSource,
  precedence?: Precedence,
): Promise<ApiKeyInfo> {
  return lookup(
    config,
    async (venice) => {
      const key = await venice.getKey(id);
      if (!key) throw missingKey(id);
      return infoFrom(key);
    },
    precedence,
  );
}

/** The account's active keys that pass the filter, newest first (Venice's order). */
export function lookupApiKeys(
  filter: ApiKeyFilter = {},
  config?: ConfigSource,
  precedence?: Precedence,
): Promise<ApiKeyInfo[]> {
  return lookup(
    config,
    async (venice) => (await venice.listKeys()).filter((k) => matches(k, filter)).map(infoFrom),
    precedence,
  );
}
