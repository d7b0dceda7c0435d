import { CreationPacer } from "../client/pacer";
import { Pipeline, type PipelineHooks } from "../client/pipeline";
import { VeniceClient } from "../client/veniceClient";
import type { Settings } from "./settings";

/**
 * The one door to a Venice client: every client is built here from resolved settings, so the pipeline,
 * the creation pacer and the active-key cap are always wired the same way.
 */
function newClient(settings: Settings, hooks?: PipelineHooks): VeniceClient {
  const pacer = new CreationPacer(settings.creationLimit, settings.creationWindowMs);
  return new VeniceClient(new Pipeline(settings, undefined, hooks), pacer, settings.maxActiveKeys);
}

/**
 * One lifecycle's clients: one per endpoint and credential for the life of the lifecycle. A lifecycle
 * serves every key of its provider instance, so its client's creation pacer and shared listing see all
 * of that instance's concurrent work, and never another instance's.
 */
export class ClientPool {
  private readonly clients = new Map<string, VeniceClient>();

  for(settings: Settings): VeniceClient {
    const cacheKey = JSON.stringify(settings);
    let client = this.clients.get(cacheKey);
    if (!client) {
      client = newClient(settings);
      this.clients.set(cacheKey, client);
    }
    return client;
  }

  async close(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(all.map((c) => c.close()));
  }
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
