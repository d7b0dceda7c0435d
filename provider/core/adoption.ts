import type { ApiKeyInputs, ApiKeyOutputs } from "../../domain";
import { isNotFound, type VeniceClient } from "../client/veniceClient";
import { VeniceAdoptionError } from "./errors";
import { patchBody } from "./requests";
import { inputsFromVenice, outputsFrom } from "./state";

/**
 * Takes over an existing key (`adoptKeyId`) instead of creating one: reads it, refuses one of another
 * type or whose secret (`adoptKeyValue`) does not match, and PATCHes it to the declaration.
 */
export async function adopt(
  venice: VeniceClient,
  id: string,
  target: ApiKeyInputs,
  issuedAt: string | undefined,
  now: Date,
): Promise<{ id: string; outs: ApiKeyOutputs }> {
  const existing = await venice.getKey(id);
  if (!existing) {
    throw new VeniceAdoptionError(
      id,
      "Venice has no active key with this id (deleted, expired, or another account's). Check the id with " +
        "getApiKeys(), or remove adoptKeyId to create a new key",
    );
  }
  if (existing.apiKeyType !== target.apiKeyType) {
    throw new VeniceAdoptionError(
      id,
      `it is an ${existing.apiKeyType} key and the declaration says ${target.apiKeyType}; Venice cannot change ` +
        `a key's type. Set apiKeyType: "${existing.apiKeyType}", or declare a new key without adoptKeyId`,
    );
  }
  if (target.adoptKeyValue !== undefined && existing.last6Chars !== target.adoptKeyValue.slice(-6)) {
    throw new VeniceAdoptionError(
      id,
      "adoptKeyValue is not this key's secret: its last six characters differ from the last6Chars Venice " +
        "shows for the key. Pass this key's own secret, or leave adoptKeyValue out (the key output is then undefined)",
    );
  }
  const change = patchBody(id, inputsFromVenice(existing), target);
  let last6Chars = existing.last6Chars;
  if (Object.keys(change).length > 1) {
    try {
      last6Chars = (await venice.updateKey(change)).last6Chars ?? last6Chars;
    } catch (err) {
      if (isNotFound(err))
        throw new VeniceAdoptionError(id, "the key disappeared while it was being adopted");
      throw err;
    }
  }
  const outs = outputsFrom(
    target,
    { key: target.adoptKeyValue, last6Chars, createdAt: existing.createdAt, issuedAt },
    now,
  );
  return { id, outs };
}
