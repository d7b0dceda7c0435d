export {
  ApiKey,
  type ApiKeyArgs,
  type ApiKeyType,
  type ConsumptionLimit,
  type LimitPeriod,
  type ModelPrivacy,
} from "./apiKey";
export { veniceProvider } from "./providerStub";
