import { CreationPacer } from "./client/pacer";
import { Pipeline } from "./client/pipeline";
import { VeniceClient } from "./client/veniceClient";
import type { Settings } from "./settings";

/**
 * One client per endpoint and credential for the life of the provider process. The engine serves every
 * ApiKey resource from one process, so the creation pacer here sees all concurrent creates.
 */
const clients = new Map<string, VeniceClient>();

export function clientFor(settings: Settings): VeniceClient {
  const cacheKey = JSON.stringify(settings);
  let client = clients.get(cacheKey);
  if (!client) {
    const pacer = new CreationPacer(settings.creationsPerWindow, settings.creationWindowMs);
    client = new VeniceClient(new Pipeline(settings), pacer, settings.maxActiveKeys);
    clients.set(cacheKey, client);
  }
  return client;
}
