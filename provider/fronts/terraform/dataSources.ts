import type { ApiKeyType } from "../../../domain";
import type { Lifecycle } from "../../core";
import { infoObject } from "./attributes";
import type { TfObject } from "./values";

/** `data "venice_api_key"`: one key by id. Fails, naming the id, when Venice has no active key with it. */
export async function readKey(lifecycle: Lifecycle, config: TfObject): Promise<TfObject> {
  return infoObject(await lifecycle.lookupApiKey(String(config.id ?? "")));
}

/** `data "venice_api_keys"`: the account's keys that pass the filters, as `keys`. */
export async function readKeys(lifecycle: Lifecycle, config: TfObject): Promise<TfObject> {
  const filter: { descriptionPrefix?: string; apiKeyType?: ApiKeyType } = {};
  if (typeof config.description_prefix === "string") filter.descriptionPrefix = config.description_prefix;
  if (typeof config.api_key_type === "string") filter.apiKeyType = config.api_key_type as ApiKeyType;
  const keys = await lifecycle.lookupApiKeys(filter);
  return { ...config, keys: keys.map(infoObject) };
}
