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
export { veniceProvider } from "./providerStub";
