import { CreationPacer } from "./client/pacer";
import { Pipeline, type PipelineHooks } from "./client/pipeline";
import { VeniceClient } from "./client/veniceClient";
import type { Settings } from "./settings";

/**
 * The one door to a Venice client: every client is built here from resolved settings, so the pipeline,
 * the creation pacer and the active-key cap are always wired the same way.
 */
function newClient(settings: Settings, hooks?: PipelineHooks): VeniceClient {
  const pacer = new CreationPacer(settings.creationsPerWindow, settings.creationWindowMs);
  return new VeniceClient(new Pipeline(settings, undefined, hooks), pacer, settings.maxActiveKeys);
}

/**
 * For the provider host: one client per endpoint and credential for the life of the process. The engine
 * serves every ApiKey resource from one process, so the creation pacer here sees all concurrent creates.
 */
const shared = new Map<string, VeniceClient>();

export function sharedClient(settings: Settings): VeniceClient {
  const cacheKey = JSON.stringify(settings);
  let client = shared.get(cacheKey);
  if (!client) {
    client = newClient(settings);
    shared.set(cacheKey, client);
  }
  return client;
}

/**
 * For work in a process that must be free to exit when it is done (a lookup in a user's program, a CLI
 * command): a client of its own, closed afterwards, since a pooled connection would hold the process open.
 */
export async function withClient<T>(
  settings: Settings,
  work: (venice: VeniceClient) => Promise<T>,
  hooks?: PipelineHooks,
): Promise<T> {
  const venice = newClient(settings, hooks);
  try {
    return await work(venice);
  } finally {
    await venice.close();
  }
}
