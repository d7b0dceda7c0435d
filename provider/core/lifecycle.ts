import type { ApiKeyInputs, ApiKeyOutputs, Field } from "../../domain";
import type { VeniceKey } from "../client/schemas";
import { isNotFound, type VeniceClient } from "../client/veniceClient";
import { adopt } from "./adoption";
import { ClientPool } from "./clients";
import * as clock from "./clock";
import { declaredInputs, planDiff, type KeyState } from "./diff";
import { NO_ENGINE, type EngineGuard } from "./engineGuard";
import { VeniceKeyGoneError, VeniceSelfLockoutError } from "./errors";
import { checkInputs, type CheckFailure } from "./inputs";
import { infoFrom, matches, missingKey, type ApiKeyFilter, type ApiKeyInfo } from "./lookups";
import { createRequest, updateRequest } from "./requests";
import { issuedAtAfterUpdate, retirementPlan, startingNow } from "./rotation";
import { isOwnAdminKey, refuseOwnAdminKey } from "./selfLockout";
import {
  baseUrlProblem,
  resolveAdminKey,
  resolveBaseUrl,
  settingsReader,
  type ConfigSource,
  type Precedence,
} from "./settings";
import { observedState, outputsFrom, refreshedInputs } from "./state";
import { surfaced } from "./surfaceErrors";

/** Where a lifecycle's settings come from (see settings.ts) and which source wins. */
export interface Configuration {
  config?: ConfigSource;
  precedence?: Precedence;
}

export interface LifecycleOptions extends Configuration {
  /** The environment settings fall back to (or win over, see Precedence); read at every call. */
  env?: NodeJS.ProcessEnv;
  /** What the front has of its engine; none by default. */
  guard?: EngineGuard;
}

/** What check makes of a declaration: `inputs` without failures, the declaration as it came with them. */
export type CheckResult =
  | { inputs: ApiKeyInputs; failures?: undefined }
  | { inputs: Record<string, unknown>; failures: CheckFailure[] };

export interface DiffResult {
  changes: boolean;
  /** The fields whose change replaces the key (or "expiresAt" inside the rotation window). */
  replaces: string[];
  /** Always false: the replacement is made first, so consumers can switch before the old key goes. */
  deleteBeforeReplace: boolean;
  /** Every changed field, replaced ones included (what an engine shows). */
  changed: Field[];
  /**
   * The declaration as the key will hold it after an update in place: the expiry an `expireAfter` key
   * keeps (planned from its start, never from now). For fronts that plan the whole state ahead.
   */
  target: ApiKeyInputs;
}

export interface CreateResult {
  id: string;
  outs: ApiKeyOutputs;
}

/** A refreshed key: its state and the inputs a matching declaration has, or undefined when it is gone. */
export interface ReadResult {
  id: string;
  props: ApiKeyOutputs;
  inputs: Partial<ApiKeyInputs>;
}

/**
 * The ApiKey lifecycle of one provider instance: check, diff, create (with its repairs), read, update,
 * delete (or retire), adoption and lookups, over the facts in domain/. Every front (the dynamic host,
 * the native Pulumi plugin, the Terraform provider) builds one per provider configuration and adapts
 * its protocol's values to these calls; nothing here knows which front calls it. A lifecycle owns its
 * clients (so its pacer and shared listing), and its configuration: two lifecycles in one process never
 * share keys, pacing or listings.
 */
export interface Lifecycle {
  /** Replaces the configuration (the dynamic host's `configure`, a native Configure). */
  configure(configuration: Configuration): void;
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<CheckResult>;
  diff(id: string, olds: KeyState, news: ApiKeyInputs): Promise<DiffResult>;
  create(inputs: ApiKeyInputs): Promise<CreateResult>;
  read(id: string, props?: Partial<ApiKeyOutputs>): Promise<ReadResult | undefined>;
  /**
   * The same, by one read of this key (never the shared listing): for a front that must know a key's
   * whole state right after making it (Terraform wants createdAt at the end of apply), where a listing
   * would carry every key of the account.
   */
  readOne(id: string, props?: Partial<ApiKeyOutputs>): Promise<ReadResult | undefined>;
  update(id: string, olds: ApiKeyOutputs, news: ApiKeyInputs): Promise<{ outs: ApiKeyOutputs }>;
  delete(id: string, props?: Partial<ApiKeyOutputs>): Promise<void>;
  lookupApiKey(id: string): Promise<ApiKeyInfo>;
  lookupApiKeys(filter?: ApiKeyFilter): Promise<ApiKeyInfo[]>;
  /** Closes the pooled connections (a front serving several configurations drops one it no longer needs). */
  close(): Promise<void>;
}

export function createLifecycle(options: LifecycleOptions = {}): Lifecycle {
  let configuration: Configuration = { config: options.config, precedence: options.precedence };
  const env = () => options.env ?? process.env;
  const guard = options.guard ?? NO_ENGINE;
  const pool = new ClientPool();

  const readSettings = settingsReader();
  const settings = () => readSettings(env(), configuration.config, configuration.precedence);
  const venice = (): { client: VeniceClient; adminKey: string } => {
    const resolved = settings();
    return { client: pool.for(resolved), adminKey: resolved.adminKey };
  };
  /** One operation that calls Venice: counted by the guard, its failures surfaced redacted. */
  const calling = <T>(work: () => Promise<T>): Promise<T> =>
    guard.operation(() =>
      work().catch((err: unknown) => {
        throw surfaced(err, guard);
      }),
    );

  function readResult(
    id: string,
    key: VeniceKey | undefined,
    props: Partial<ApiKeyOutputs>,
  ): ReadResult | undefined {
    if (!key) return undefined;
    const observed = observedState(key, props);
    const outs = outputsFrom(
      observed,
      {
        key: props.key,
        last6Chars: key.last6Chars ?? props.last6Chars,
        createdAt: key.createdAt ?? props.createdAt,
        issuedAt: props.issuedAt,
      },
      clock.now(),
    );
    return { id, props: outs, inputs: refreshedInputs(observed) };
  }

  return {
    configure(next) {
      configuration = { ...next };
    },

    /** Validates and normalises the declaration; no call to Venice, so bad input fails at preview. */
    async check(olds, news) {
      const { inputs, failures } = checkInputs(olds ?? {}, news, clock.now());
      const urlProblem = baseUrlProblem(
        resolveBaseUrl(env(), configuration.config, configuration.precedence),
      );
      if (urlProblem) {
        failures.push({
          property: "",
          reason: `Venice base URL (VENICE_BASE_URL or venice:baseUrl): ${urlProblem}`,
        });
      }
      return failures.length > 0 ? { inputs: news, failures } : { inputs };
    },

    /** Compares state with the checked declaration; refuses, from state alone, to replace its own admin key. */
    async diff(id, olds, news) {
      const now = clock.now();
      const { diff, changed, target } = planDiff(olds, news, now);
      const adminKey = resolveAdminKey(env(), configuration.config, configuration.precedence);
      if (diff.replaces.length > 0 && isOwnAdminKey(olds, adminKey)) {
        throw new VeniceSelfLockoutError(id, "replace");
      }
      return {
        ...diff,
        changed: [...new Set<Field>([...changed, ...(diff.replaces as Field[])])],
        target,
      };
    },

    /** Makes the key (one request when nothing fails), or adopts the one `adoptKeyId` names. */
    create(inputs) {
      return calling(async () => {
        const { client } = venice();
        const now = clock.now();
        const { target, issuedAt } = startingNow(inputs, now);
        if (inputs.adoptKeyId !== undefined) return adopt(client, inputs.adoptKeyId, target, issuedAt, now);
        const created = await client.createKey(createRequest(target), guard.signal);
        await guard.handOver(client, created.id);
        // The create answer has no createdAt: the next refresh fills it in (an output-only change, which
        // the drift gate does not count).
        const outs = outputsFrom(
          target,
          { key: created.apiKey, last6Chars: created.apiKey.slice(-6), issuedAt },
          now,
        );
        return { id: created.id, outs };
      });
    },

    /** Venice's view of the key, or undefined when Venice no longer has it (deleted and expired alike). */
    read(id, props = {}) {
      return calling(async () => readResult(id, await venice().client.readKey(id), props));
    },

    readOne(id, props = {}) {
      return calling(async () => readResult(id, await venice().client.getKey(id), props));
    },

    /** PATCHes exactly the changed Venice fields; the provider's own settings only change state. */
    update(id, olds, news) {
      return calling(async () => {
        const now = clock.now();
        const change = updateRequest(id, olds, news, now);
        let last6Chars = olds.last6Chars;
        if (Object.keys(change).length > 1) {
          try {
            last6Chars = (await venice().client.updateKey(change)).last6Chars ?? last6Chars;
          } catch (err) {
            throw isNotFound(err) ? new VeniceKeyGoneError(id) : err;
          }
        }
        const issuedAt = issuedAtAfterUpdate(olds, news, now);
        const target = declaredInputs(olds, news, now);
        return {
          outs: outputsFrom(target, { key: olds.key, last6Chars, createdAt: olds.createdAt, issuedAt }, now),
        };
      });
    },

    /**
     * Removes a key that left the program or was replaced. With `retireAfter` the key is not deleted: its
     * expiry is brought forward to now + retireAfter, so consumers keep working until they pick up the new
     * value and Venice itself ends the overlap.
     */
    async delete(id, props = {}) {
      await calling(async () => {
        const { client, adminKey } = venice();
        const retireAfter = props.retireAfter;
        await refuseOwnAdminKey(client, adminKey, id, props, retireAfter ? "retire" : "delete");
        if (retireAfter === undefined) {
          await client.deleteKey(id);
          return;
        }
        const expiresAt = retirementPlan(retireAfter, props.expiresAt, clock.now());
        if (expiresAt === undefined) return; // it ends on its own
        try {
          await client.updateKey({ id, expiresAt });
        } catch (err) {
          if (!isNotFound(err)) throw err; // already gone: nothing left to retire
        }
      });
    },

    lookupApiKey(id) {
      return calling(async () => {
        const key = await venice().client.getKey(id);
        if (!key) throw missingKey(id);
        return infoFrom(key);
      });
    },

    lookupApiKeys(filter = {}) {
      return calling(async () =>
        (await venice().client.listKeys()).filter((k) => matches(k, filter)).map(infoFrom),
      );
    },

    close: () => pool.close(),
  };
}
