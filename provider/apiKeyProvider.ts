import type * as pulumi from "@pulumi/pulumi";
import {
  VeniceAdoptionError,
  VeniceEngineGoneError,
  VeniceError,
  VeniceKeyGoneError,
  VeniceSelfLockoutError,
} from "./client/errors";
import { redact } from "./client/redact";
import { isNotFound, type VeniceClient } from "./client/veniceClient";
import { clientFor } from "./clients";
import { declaredInputs, diffApiKey, patchBody, updateRequest } from "./diff";
import { engineAddressOf, watchEngine } from "./engineWatch";
import { checkInputs, type ApiKeyInputs } from "./inputs";
import { expiryFromNow, retirementExpiry } from "./rotation";
import { isOwnAdminKey, refuseOwnAdminKey } from "./selfLockout";
import {
  baseUrlProblem,
  resolveAdminKey,
  resolveBaseUrl,
  resolveSettings,
  SettingsError,
  type ConfigSource,
} from "./settings";
import { inputsFromVenice, observedState, outputsFrom, refreshedInputs, type ApiKeyOutputs } from "./state";

/**
 * The ApiKey lifecycle, as the Pulumi engine calls it. This object lives in the installed package and is
 * loaded by name from the serialized stub in sdk/, so its code is never frozen into anyone's state.
 */
let config: ConfigSource | undefined;

function connect() {
  const settings = resolveSettings(process.env, config);
  return { venice: clientFor(settings), adminKey: settings.adminKey };
}

/** A retirement closer than this to the key's own end is left to Venice: the PATCH could arrive too late. */
const RETIRE_MIN_MS = 10_000;

/**
 * Inside Pulumi's dynamic-provider host, the engine that started it is watched: when it is gone (its
 * CLI was killed), queued creates never start, a create answered afterwards is undone, and the process
 * exits as soon as no operation is left. Elsewhere (tests, lookups in a program) nothing is watched.
 */
let inFlight = 0;
const engineAddress = engineAddressOf(process.argv);
// Pulumi closes (kills) plugins before its own servers at a normal end, so only a dead engine trips this.
const engine = engineAddress
  ? watchEngine(engineAddress, () => void undoUnrecorded().catch(() => undefined))
  : undefined;

function exitWhenIdle(): void {
  if (engine?.signal.aborted && inFlight === 0) process.exit(0);
}

/**
 * Keys handed back to the engine in the last moments. The engine records a created key in its checkpoint
 * only after our answer reaches it; killed in between (tens of milliseconds on a loaded machine), it never
 * will, and the key's secret is lost. So when the engine turns out to be gone, keys handed back within
 * `UNRECORDED_MS` before that are deleted too: one the engine did record then shows as deleted, which
 * `pulumi up --refresh` (the recovery after a killed run) heals, where an orphan would stay invisible.
 * The span covers detection (two missed probes, about 2 s) plus the engine's own write.
 */
const UNRECORDED_MS = 5_000;
const handedBack: Array<{ id: string; at: number }> = [];

function rememberHandedBack(id: string): void {
  const now = Date.now();
  while (handedBack.length > 0 && handedBack[0]!.at < now - UNRECORDED_MS) handedBack.shift();
  handedBack.push({ id, at: now });
}

async function undoUnrecorded(): Promise<void> {
  inFlight++;
  try {
    const since = Date.now() - UNRECORDED_MS;
    const recent = handedBack.filter((k) => k.at >= since);
    if (recent.length > 0) {
      const { venice } = connect();
      for (const { id } of recent) await venice.deleteKey(id).catch(() => undefined);
    }
  } finally {
    inFlight--;
    exitWhenIdle();
  }
}

/**
 * Errors reaching the engine are printed with their stack. Ours are built redacted; anything else (a
 * bug, a library error) is re-thrown as a new error whose message is redacted, without the original stack.
 */
async function surface<T>(work: () => Promise<T>): Promise<T> {
  inFlight++;
  try {
    return await work();
  } catch (err) {
    if (err instanceof VeniceError || err instanceof SettingsError) throw err;
    if (engine?.signal.aborted) throw new VeniceEngineGoneError();
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new Error(`pulumi-venice: unexpected failure: ${redact(detail)}`);
  } finally {
    inFlight--;
    exitWhenIdle();
  }
}

/** The declared key with its expiry made concrete for a key that starts its life now. */
function startingNow(inputs: ApiKeyInputs, now: Date): { target: ApiKeyInputs; issuedAt?: string } {
  if (inputs.expireAfter === undefined) return { target: inputs };
  return {
    target: { ...inputs, expiresAt: expiryFromNow(inputs.expireAfter, now) },
    issuedAt: now.toISOString(),
  };
}

/**
 * Takes over an existing key: reads it, refuses one of another type or whose secret does not match,
 * and PATCHes it to the declaration. No key is created.
 */
async function adopt(
  venice: VeniceClient,
  id: string,
  target: ApiKeyInputs,
  issuedAt: string | undefined,
  now: Date,
): Promise<pulumi.dynamic.CreateResult> {
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
  const change = patchBody(
    id,
    inputsFromVenice(existing) as unknown as Record<string, unknown>,
    target as unknown as Record<string, unknown>,
  );
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

export const apiKeyProvider = {
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    config = req.config;
  },

  async check(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    const { inputs, failures } = checkInputs(olds ?? {}, news, new Date());
    const urlProblem = baseUrlProblem(resolveBaseUrl(process.env, config));
    if (urlProblem) {
      failures.push({
        property: "",
        reason: `Venice base URL (VENICE_BASE_URL or venice:baseUrl): ${urlProblem}`,
      });
    }
    return failures.length > 0 ? { inputs: news, failures } : { inputs };
  },

  async diff(id: string, olds: object, news: object): Promise<pulumi.dynamic.DiffResult> {
    const state = olds as Record<string, unknown>;
    const result = diffApiKey(state, news as Record<string, unknown>, new Date());
    // Refused at preview, before anything is created: replacing the key we run with would end with
    // deleting it. Needs no call: state has the key's type and last six characters.
    if (result.replaces.length > 0 && isOwnAdminKey(state, resolveAdminKey(process.env, config))) {
      throw new VeniceSelfLockoutError(id, "replace");
    }
    return result;
  },

  async create(inputs: ApiKeyInputs): Promise<pulumi.dynamic.CreateResult> {
    return surface(async () => {
      const { venice } = connect();
      const now = new Date();
      const { target, issuedAt } = startingNow(inputs, now);
      if (inputs.adoptKeyId !== undefined) return adopt(venice, inputs.adoptKeyId, target, issuedAt, now);
      const created = await venice.createKey(
        {
          apiKeyType: target.apiKeyType,
          description: target.description,
          ...(target.expiresAt ? { expiresAt: target.expiresAt } : {}),
          ...(target.consumptionLimit ? { consumptionLimit: { ...target.consumptionLimit } } : {}),
          limitPeriod: target.limitPeriod,
          modelPrivacy: target.modelPrivacy,
        },
        engine?.signal,
      );
      if (engine && !(await engine.alive())) {
        // Answered after the engine died: the secret can never reach state, so the key must not live.
        await venice.deleteKey(created.id);
        throw new VeniceEngineGoneError();
      }
      if (engine) rememberHandedBack(created.id);
      // One request: the create answer has no createdAt, and the next refresh fills it in (an
      // output-only change, which the drift gate does not count).
      const outs = outputsFrom(
        target,
        { key: created.apiKey, last6Chars: created.apiKey.slice(-6), issuedAt },
        now,
      );
      return { id: created.id, outs };
    });
  },

  async read(id: string, props: Partial<ApiKeyOutputs> = {}): Promise<pulumi.dynamic.ReadResult> {
    return surface(async () => {
      const key = await connect().venice.getKey(id);
      // Venice hides deleted and expired keys alike; either way the declared key no longer exists.
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
        new Date(),
      );
      return { id, props: outs, inputs: refreshedInputs(observed) };
    });
  },

  async update(id: string, olds: ApiKeyOutputs, news: ApiKeyInputs): Promise<pulumi.dynamic.UpdateResult> {
    return surface(async () => {
      const now = new Date();
      const state = olds as unknown as Record<string, unknown>;
      const change = updateRequest(id, state, news, now);
      const target = declaredInputs(
        state,
        news as unknown as Record<string, unknown>,
        now,
      ) as unknown as ApiKeyInputs;
      // A lifetime newly declared starts now; an existing one keeps its start.
      const issuedAt =
        news.expireAfter === undefined
          ? undefined
          : olds.expireAfter === undefined
            ? now.toISOString()
            : olds.issuedAt;
      let last6Chars = olds.last6Chars;
      if (Object.keys(change).length > 1) {
        try {
          last6Chars = (await connect().venice.updateKey(change)).last6Chars ?? last6Chars;
        } catch (err) {
          throw isNotFound(err) ? new VeniceKeyGoneError(id) : err;
        }
      }
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
    await surface(async () => {
      const { venice, adminKey } = connect();
      const retireAfter = props.retireAfter;
      await refuseOwnAdminKey(venice, adminKey, id, props, retireAfter ? "retire" : "delete");
      if (retireAfter === undefined) {
        await venice.deleteKey(id);
        return;
      }
      const now = new Date();
      const expiresAt = retirementExpiry(retireAfter, props.expiresAt, now);
      if (Date.parse(expiresAt) - now.getTime() < RETIRE_MIN_MS) return; // it ends on its own
      try {
        await venice.updateKey({ id, expiresAt });
      } catch (err) {
        if (!isNotFound(err)) throw err; // already gone: nothing left to retire
      }
    });
  },
};
