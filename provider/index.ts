export { apiKeyProvider } from "./apiKeyProvider";
export { checkInputs, type ApiKeyInputs, type ConsumptionLimit, type ApiKeyType, type LimitPeriod, type ModelPrivacy } from "./inputs";
export { diffApiKey, changedFields, updateRequest } from "./diff";
export { resolveSettings, baseUrlProblem, DEFAULT_BASE_URL, type Settings } from "./settings";
export * from "./client/errors";
