import * as pulumi from "@pulumi/pulumi";
import type { ApiKeyFilter, ApiKeyInfo } from "../provider/core/lookups";

export type { ApiKeyFilter, ApiKeyInfo };

/**
 * Stack config as the provider reads it (`venice:adminApiKey`, `venice:baseUrl`, ...), through the
 * runtime's raw view so that reading a secret value prints no warning. The environment still wins.
 */
const stackConfig = { get: (key: string) => pulumi.runtime.getConfig(key) };

/**
 * Metadata of one Venice key by id (never its secret), with the provider's credentials and base URL.
 * Rejects when Venice has no active key with that id.
 */
export async function getApiKey(args: { id: string }): Promise<ApiKeyInfo> {
  const { lookupApiKey } = await import("../provider/core/lookups");
  return lookupApiKey(args.id, stackConfig);
}

/** The account's active keys, optionally those whose description starts with a prefix and/or of one type. */
export async function getApiKeys(args: ApiKeyFilter = {}): Promise<ApiKeyInfo[]> {
  const { lookupApiKeys } = await import("../provider/core/lookups");
  return lookupApiKeys(args, stackConfig);
}
