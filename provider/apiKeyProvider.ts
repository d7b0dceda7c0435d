import type * as pulumi from "@pulumi/pulumi";
import { VeniceError, VeniceKeyGoneError } from "./client/errors";
import { isNotFound } from "./client/veniceClient";
import { clientFor } from "./clients";
import { diffApiKey, updateRequest } from "./diff";
import { checkInputs, type ApiKeyInputs } from "./inputs";
import { redact } from "./client/redact";
import {
  baseUrlProblem,
  resolveBaseUrl,
  resolveSettings,
  SettingsError,
  type ConfigSource,
} from "./settings";
import { inputsFromVenice, outputsFrom, type ApiKeyOutputs } from "./state";

/**
 * The ApiKey lifecycle, as the Pulumi engine calls it. This object lives in the installed package and is
 * loaded by name from the serialized stub in sdk/, so its code is never frozen into anyone's state.
 */
let config: ConfigSource | undefined;

function client() {
  return clientFor(resolveSettings(process.env, config));
}

/**
 * Errors reaching the engine are printed with their stack. Ours are built redacted; anything else (a
 * bug, a library error) is re-thrown as a new error whose message is redacted, without the original stack.
 */
async function surface<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof VeniceError || err instanceof SettingsError) throw err;
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new Error(`pulumi-venice: unexpected failure: ${redact(detail)}`);
  }
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

  async diff(_id: string, olds: object, news: object): Promise<pulumi.dynamic.DiffResult> {
    return diffApiKey(olds as Record<string, unknown>, news as Record<string, unknown>);
  },

  async create(inputs: ApiKeyInputs): Promise<pulumi.dynamic.CreateResult> {
    return surface(async () => {
      const venice = client();
      const created = await venice.createKey({
        apiKeyType: inputs.apiKeyType,
        description: inputs.description,
        ...(inputs.expiresAt ? { expiresAt: inputs.expiresAt } : {}),
        ...(inputs.consumptionLimit ? { consumptionLimit: { ...inputs.consumptionLimit } } : {}),
        limitPeriod: inputs.limitPeriod,
        modelPrivacy: inputs.modelPrivacy,
      });
      // The create answer has no createdAt. Reading it back is a nicety: if that read fails the key
      // still exists and its secret is kept; createdAt is filled in by the next refresh.
      let createdAt: string | null | undefined;
      try {
        createdAt = (await venice.getKey(created.id))?.createdAt;
      } catch {
        createdAt = undefined;
      }
      const outs = outputsFrom(
        inputs,
        { key: created.apiKey, last6Chars: created.apiKey.slice(-6), createdAt },
        new Date(),
      );
      return { id: created.id, outs };
    });
  },

  async read(id: string, props: Partial<ApiKeyOutputs> = {}): Promise<pulumi.dynamic.ReadResult> {
    return surface(async () => {
      const key = await client().getKey(id);
      // Venice hides deleted and expired keys alike; either way the declared key no longer exists.
      if (!key) return {};
      const inputs = inputsFromVenice(key);
      const outs = outputsFrom(
        inputs,
        {
          key: props.key,
          last6Chars: key.last6Chars ?? props.last6Chars,
          createdAt: key.createdAt ?? props.createdAt,
        },
        new Date(),
      );
      return { id, props: outs, inputs };
    });
  },

  async update(id: string, olds: ApiKeyOutputs, news: ApiKeyInputs): Promise<pulumi.dynamic.UpdateResult> {
    return surface(async () => {
      const change = updateRequest(id, olds as unknown as Record<string, unknown>, news);
      let last6Chars = olds.last6Chars;
      if (Object.keys(change).length > 1) {
        try {
          last6Chars = (await client().updateKey(change)).last6Chars ?? last6Chars;
        } catch (err) {
          throw isNotFound(err) ? new VeniceKeyGoneError(id) : err;
        }
      }
      return {
        outs: outputsFrom(news, { key: olds.key, last6Chars, createdAt: olds.createdAt }, new Date()),
      };
    });
  },

  async delete(id: string): Promise<void> {
    await surface(() => client().deleteKey(id));
  },
};
