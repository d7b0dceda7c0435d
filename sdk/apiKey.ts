import * as pulumi from "@pulumi/pulumi";
// Type-only: erased at compile time, so nothing of the provider is loaded or serialized with the SDK.
import type { ApiKeyType, ConsumptionLimit, LimitPeriod, ModelPrivacy } from "../provider/inputs";
import { veniceProvider } from "./providerStub";

export type { ApiKeyType, ConsumptionLimit, LimitPeriod, ModelPrivacy };

export interface ApiKeyArgs {
  /** What the key is for; 1 to 64 characters. Keep it unique per account (see README, Failure behaviour). */
  description: pulumi.Input<string>;
  /** INFERENCE (default) calls models; ADMIN manages keys and billing. Changing it replaces the key. */
  apiKeyType?: pulumi.Input<ApiKeyType>;
  /** UTC expiry: "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SS[.sss]Z". Leave out for no expiry. */
  expiresAt?: pulumi.Input<string>;
  consumptionLimit?: pulumi.Input<{ usd?: pulumi.Input<number>; diem?: pulumi.Input<number> }>;
  /** When the caps reset: EPOCH (default, daily 00:00 UTC), MONTH (the 1st, 00:00 UTC) or LIFETIME (never). */
  limitPeriod?: pulumi.Input<LimitPeriod>;
  /** ALL (default), PRIVATE_TEXT (text and embeddings on private models only) or PRIVATE_ONLY. */
  modelPrivacy?: pulumi.Input<ModelPrivacy>;
}

/**
 * A Venice API key. Its value is a Pulumi secret, returned by Venice once, at creation.
 * Type token: `pulumi-nodejs:dynamic/venice:ApiKey`.
 */
export class ApiKey extends pulumi.dynamic.Resource {
  /** The key's secret value (a Pulumi secret). */
  declare readonly key: pulumi.Output<string>;
  declare readonly last6Chars: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string>;
  declare readonly apiKeyType: pulumi.Output<ApiKeyType>;
  /** Canonical UTC instant, e.g. 2027-06-30T00:00:00.000Z; undefined when the key never expires. */
  declare readonly expiresAt: pulumi.Output<string | undefined>;
  declare readonly consumptionLimit: pulumi.Output<ConsumptionLimit | undefined>;
  declare readonly limitPeriod: pulumi.Output<LimitPeriod>;
  declare readonly modelPrivacy: pulumi.Output<ModelPrivacy>;
  /** Whether expiresAt had passed when the provider last looked. */
  declare readonly expired: pulumi.Output<boolean>;

  constructor(name: string, args: ApiKeyArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      key: undefined,
      last6Chars: undefined,
      createdAt: undefined,
      expired: undefined,
      expiresAt: undefined,
      consumptionLimit: undefined,
      limitPeriod: undefined,
      modelPrivacy: undefined,
      apiKeyType: undefined,
    };
    super(
      veniceProvider,
      name,
      { ...outputs, ...args },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["key"] }),
      "venice",
      "ApiKey",
    );
  }
}
