import * as pulumi from "@pulumi/pulumi";
import type {
  ApiKeyType,
  ConsumptionLimit,
  LimitPeriod,
  ModelPrivacy,
  RotationTrigger,
} from "../domain/apiKey";
// The tokens module is plain constants: the SDK loads nothing of the provider (nor zod) for it.
import { API_KEY, DYNAMIC_API_KEY_TOKEN, PACKAGE } from "../domain/tokens";
import { apiKeyProps, SECRET_OUTPUTS } from "./apiKeyProps";
import * as veniceProvider from "./providerStub";

export type { ApiKeyType, ConsumptionLimit, LimitPeriod, ModelPrivacy, RotationTrigger };

/** A duration: one or more `<integer><unit>` parts, unit s, m, h, d or w, e.g. "90d", "24h", "1h30m". */
export type Duration = string;

/** The arguments of an ApiKey. Each doc is the field's record in domain/fields.ts (checked by a test). */
export interface ApiKeyArgs {
  /** What the key is for; 1 to 64 characters. Keep it unique per account. */
  description: pulumi.Input<string>;
  /** INFERENCE (default) calls models; ADMIN manages keys and billing. Changing it replaces the key. */
  apiKeyType?: pulumi.Input<ApiKeyType>;
  /**
   * UTC expiry: "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SS[.sss]Z"; stored as the canonical
   * instant. UTC only: an offset or a missing Z is refused. Leave out for no expiry.
   */
  expiresAt?: pulumi.Input<string>;
  /**
   * Spend caps per period, in usd and/or diem (0 to 9999999999): leave a currency out for no cap; 0
   * blocks spending in it. vcu, Venice's deprecated name for DIEM, is refused.
   */
  consumptionLimit?: pulumi.Input<{ [C in keyof ConsumptionLimit]: pulumi.Input<number> }>;
  /**
   * When the caps reset: EPOCH (default, daily 00:00 UTC), MONTH (the 1st, 00:00 UTC) or LIFETIME
   * (never). It has no effect until a consumptionLimit is set.
   */
  limitPeriod?: pulumi.Input<LimitPeriod>;
  /** ALL (default), PRIVATE_TEXT (text and embeddings on private models only) or PRIVATE_ONLY. */
  modelPrivacy?: pulumi.Input<ModelPrivacy>;
  /**
   * Rotate on demand: when this value changes from one value to another, the key is replaced (the new
   * key first). A string, a number or a map of them.
   */
  rotationTrigger?: pulumi.Input<RotationTrigger>;
  /**
   * Lifetime from creation, e.g. "90d": the key is made with expiresAt = now + expireAfter. Excludes
   * expiresAt.
   */
  expireAfter?: pulumi.Input<Duration>;
  /**
   * With expireAfter: how long before the expiry the key is due for rotation (diff then plans a
   * replacement).
   */
  rotateBefore?: pulumi.Input<Duration>;
  /**
   * On replacement or removal the key is not deleted: its expiry is moved to now + retireAfter (never
   * later than it was).
   */
  retireAfter?: pulumi.Input<Duration>;
  /** Take over this existing key (its id) instead of creating one. Only read at create. */
  adoptKeyId?: pulumi.Input<string>;
  /** The adopted key's secret, if you have it: verified against Venice's last6Chars, then output as `key`. */
  adoptKeyValue?: pulumi.Input<string>;
}

/**
 * A Venice API key. Its value is a Pulumi secret, returned by Venice once, at creation.
 * Type token: `pulumi-nodejs:dynamic/venice:ApiKey`.
 */
export class ApiKey extends pulumi.dynamic.Resource {
  /** The type token this class registers (see domain/tokens.ts). */
  static readonly typeToken = DYNAMIC_API_KEY_TOKEN;

  /** The key's secret value (a Pulumi secret); undefined for a key adopted without adoptKeyValue. */
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
  /** Whether, when the provider last looked, the key was inside its rotation window (expireAfter keys). */
  declare readonly readyForRotation: pulumi.Output<boolean>;
  /** When an expireAfter key's lifetime started (its creation or adoption by this provider). */
  declare readonly issuedAt: pulumi.Output<string | undefined>;
  declare readonly rotationTrigger: pulumi.Output<RotationTrigger | undefined>;
  declare readonly expireAfter: pulumi.Output<Duration | undefined>;
  declare readonly rotateBefore: pulumi.Output<Duration | undefined>;
  declare readonly retireAfter: pulumi.Output<Duration | undefined>;
  /** The id of the key this resource took over, when it was declared with adoptKeyId. */
  declare readonly adoptKeyId: pulumi.Output<string | undefined>;

  constructor(name: string, args: ApiKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      veniceProvider,
      name,
      apiKeyProps(args),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: SECRET_OUTPUTS }),
      PACKAGE,
      API_KEY,
    );
  }
}
