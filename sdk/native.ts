import * as pulumi from "@pulumi/pulumi";
import type {
  ConsumptionLimit,
  LimitPeriod,
  ModelPrivacy,
  RotationTrigger,
  ApiKeyType,
} from "../domain/apiKey";
import {
  DYNAMIC_API_KEY_TOKEN,
  GET_API_KEY_TOKEN,
  GET_API_KEYS_TOKEN,
  NATIVE_API_KEY_TOKEN,
  PACKAGE,
} from "../domain/tokens";
import type { ApiKeyFilter, ApiKeyInfo } from "../provider/core/lookups";
import type { ApiKeyArgs, Duration } from "./apiKey";
import { apiKeyProps, SECRET_OUTPUTS } from "./apiKeyProps";

/**
 * `pulumi-venice/native`: the same ApiKey through the native `venice` provider plugin
 * (bin/pulumi-resource-venice), for `pulumi import`, explicit providers (several accounts) and programs
 * mixed with other languages' stacks. Moving a stack from the dynamic ApiKey is a change of import and
 * nothing else: this class carries the alias from the dynamic type, so keys keep their id and secret.
 */
export type {
  ApiKeyArgs,
  ApiKeyFilter,
  ApiKeyInfo,
  ApiKeyType,
  ConsumptionLimit,
  Duration,
  LimitPeriod,
  ModelPrivacy,
  RotationTrigger,
};

// The plugin reports the package's version; resources ask for that one. By name: it resolves in users' installs.
const VERSION = (require("pulumi-venice/package.json") as { version: string }).version; // eslint-disable-line @typescript-eslint/no-require-imports

/** Where the engine finds the plugin: this package's own launcher, unless the project names another. */
const pluginOptions = { version: VERSION };

export class ApiKey extends pulumi.CustomResource {
  /** The type token of the native ApiKey. */
  static readonly typeToken = NATIVE_API_KEY_TOKEN;

  /** The key's secret value (a Pulumi secret); undefined for a key adopted or imported without its value. */
  declare readonly key: pulumi.Output<string>;
  declare readonly last6Chars: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string>;
  declare readonly apiKeyType: pulumi.Output<ApiKeyType>;
  declare readonly expiresAt: pulumi.Output<string | undefined>;
  declare readonly consumptionLimit: pulumi.Output<ConsumptionLimit | undefined>;
  declare readonly limitPeriod: pulumi.Output<LimitPeriod>;
  declare readonly modelPrivacy: pulumi.Output<ModelPrivacy>;
  declare readonly expired: pulumi.Output<boolean>;
  declare readonly readyForRotation: pulumi.Output<boolean>;
  declare readonly issuedAt: pulumi.Output<string | undefined>;
  declare readonly rotationTrigger: pulumi.Output<RotationTrigger | undefined>;
  declare readonly expireAfter: pulumi.Output<Duration | undefined>;
  declare readonly rotateBefore: pulumi.Output<Duration | undefined>;
  declare readonly retireAfter: pulumi.Output<Duration | undefined>;
  /** The id of the key this resource took over, when it was declared with adoptKeyId. */
  declare readonly adoptKeyId: pulumi.Output<string | undefined>;

  constructor(name: string, args: ApiKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      NATIVE_API_KEY_TOKEN,
      name,
      apiKeyProps(args),
      pulumi.mergeOptions(
        {
          ...pluginOptions,
          aliases: [{ type: DYNAMIC_API_KEY_TOKEN }],
          additionalSecretOutputs: SECRET_OUTPUTS,
        },
        opts,
      ),
    );
  }
}

/** Arguments of an explicit provider: a Venice account. They win over the environment. */
export interface ProviderArgs {
  /** The account's ADMIN key (stored as a secret). */
  adminApiKey?: pulumi.Input<string>;
  /** The API's base URL, default https://api.venice.ai/api/v1. */
  baseUrl?: pulumi.Input<string>;
  requestTimeoutMs?: pulumi.Input<number>;
  retryBudgetMs?: pulumi.Input<number>;
  creationLimit?: pulumi.Input<number>;
  creationWindowMs?: pulumi.Input<number>;
  maxActiveKeys?: pulumi.Input<number>;
}

/** An explicit `venice` provider: pass it as `{ provider }` to keys that belong to another account. */
export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs = {}, opts?: pulumi.ResourceOptions) {
    const adminApiKey = args.adminApiKey === undefined ? undefined : pulumi.secret(args.adminApiKey);
    super(PACKAGE, name, { ...args, adminApiKey }, pulumi.mergeOptions(pluginOptions, opts));
  }
}

/** Metadata of one Venice key by id (never its secret), from the provider's account. */
export function getApiKey(args: { id: string }, opts?: pulumi.InvokeOptions): Promise<ApiKeyInfo> {
  return pulumi.runtime.invoke(GET_API_KEY_TOKEN, args, {
    ...pluginOptions,
    ...opts,
  }) as Promise<ApiKeyInfo>;
}

/** The account's active keys, optionally those whose description starts with a prefix and/or of one type. */
export async function getApiKeys(
  args: ApiKeyFilter = {},
  opts?: pulumi.InvokeOptions,
): Promise<ApiKeyInfo[]> {
  const result = (await pulumi.runtime.invoke(GET_API_KEYS_TOKEN, args, {
    ...pluginOptions,
    ...opts,
  })) as {
    keys: ApiKeyInfo[];
  };
  return result.keys;
}
