import type * as pulumi from "@pulumi/pulumi";
import type { ApiKeyInputs, ApiKeyOutputs } from "../domain";
import { adopt } from "./adoption";
import { isNotFound, type VeniceClient } from "./client/veniceClient";
import { sharedClient } from "./clients";
import * as clock from "./clock";
import { declaredInputs, planDiff, type KeyState } from "./diff";
import { engineSignal, handOver, operation } from "./engineGuard";
import { VeniceKeyGoneError, VeniceSelfLockoutError } from "./errors";
import { checkInputs } from "./inputs";
import { createRequest, updateRequest } from "./requests";
import { issuedAtAfterUpdate, retirementPlan, startingNow } from "./rotation";
import { isOwnAdminKey, refuseOwnAdminKey } from "./selfLockout";
import {
  baseUrlProblem,
  resolveAdminKey,
  resolveBaseUrl,
  resolveSettings,
  type ConfigSource,
  type Precedence,
} from "./settings";
import { observedState, outputsFrom, refreshedInputs } from "./state";
import { surfaced } from "./surfaceErrors";

/**
 * The ApiKey lifecycle, as the Pulumi engine calls it. This object lives in the installed package and is
 * loaded by name from the serialized stub in sdk/, so its code is never frozen into anyone's state.
 * Settings are read at each call (environment first, then the stack config `configure` received).
 */
let config: ConfigSource | undefined;
let precedence: Precedence = "environment-first";

/**
 * For the native front: the provider instance's own configuration, and which source wins (see
 * Precedence). The dynamic front's `configure` keeps the environment first.
 */
export function useConfiguration(source: ConfigSource, order: Precedence): void {
  config = source;
  precedence = order;
}

/** The configuration in force, for the lookups a native provider serves. */
export function configuration(): { config: ConfigSource | undefined; precedence: Precedence } {
  return { config, precedence };
}

/** The pooled client for the current settings, and the admin key it runs with. */
function venice(): { client: VeniceClient; adminKey: string } {
  const settings = resolveSettings(process.env, config, precedence);
  return { client: sharedClient(settings), adminKey: settings.adminKey };
}

/** One operation that calls Venice: counted for the engine guard, its failures surfaced redacted. */
function calling<T>(work: () => Promise<T>): Promise<T> {
  return operation(() =>
    work().catch((err: unknown) => {
      throw surfaced(err);
    }),
  );
}

export const apiKeyProvider = {
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    config = req.config;
  },

  /** Validates and normalises the declaration; no call to Venice, so bad input fails at preview. */
  async check(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    const { inputs, failures } = checkInputs(olds ?? {}, news, clock.now());
    const urlProblem = baseUrlProblem(resolveBaseUrl(process.env, config, precedence));
    if (urlProblem) {
      failures.push({
        property: "",
        reason: `Venice base URL (VENICE_BASE_URL or venice:baseUrl): ${urlProblem}`,
      });
    }
    return failures.length > 0 ? { inputs: news, failures } : { inputs };
  },

  /** Compares state with the checked declaration; refuses, from state alone, to replace its own admin key. */
  async diff(
    id: string,
    olds: KeyState,
    news: ApiKeyInputs,
  ): Promise<pulumi.dynamic.DiffResult & { diffs: string[] }> {
    const { diff, changed } = planDiff(olds, news, clock.now());
    if (diff.replaces.length > 0 && isOwnAdminKey(olds, resolveAdminKey(process.env, config, precedence))) {
      throw new VeniceSelfLockoutError(id, "replace");
    }
    // `diffs` (the changed fields, replaced ones included) is for the native front; the dynamic host ignores it.
    return { ...diff, diffs: [...new Set<string>([...changed, ...diff.replaces])] };
  },

  /** Makes the key (one request when nothing fails), or adopts the one `adoptKeyId` names. */
  async create(inputs: ApiKeyInputs): Promise<pulumi.dynamic.CreateResult> {
    return calling(async () => {
      const { client } = venice();
      const now = clock.now();
      const { target, issuedAt } = startingNow(inputs, now);
      if (inputs.adoptKeyId !== undefined) return adopt(client, inputs.adoptKeyId, target, issuedAt, now);
      const created = await client.createKey(createRequest(target), engineSignal);
      await handOver(client, created.id);
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

  /** Venice's view of the key, or no id when Venice no longer has it (deleted and expired alike). */
  async read(id: string, props: Partial<ApiKeyOutputs> = {}): Promise<pulumi.dynamic.ReadResult> {
    return calling(async () => {
      const key = await venice().client.readKey(id);
      if (!key) return {};
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
    });
  },

  /** PATCHes exactly the changed Venice fields; the provider's own settings only change state. */
  async update(id: string, olds: ApiKeyOutputs, news: ApiKeyInputs): Promise<pulumi.dynamic.UpdateResult> {
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
  async delete(id: string, props: Partial<ApiKeyOutputs> = {}): Promise<void> {
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
} satisfies pulumi.dynamic.ResourceProvider;
