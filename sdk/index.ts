export {
  ApiKey,
  type ApiKeyArgs,
  type ApiKeyType,
  type ConsumptionLimit,
  type Duration,
  type LimitPeriod,
  type ModelPrivacy,
  type RotationTrigger,
} from "./apiKey";
export { getApiKey, getApiKeys, type ApiKeyFilter, type ApiKeyInfo } from "./lookups";
import * as veniceProvider from "./providerStub";
/** The provider object every ApiKey is registered with (the module `pulumi-venice/provider-stub`). */
export { veniceProvider };
