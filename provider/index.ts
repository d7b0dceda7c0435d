// First, so that Node caches the compilation of everything below (see compileCache.ts).
import "./compileCache";
import { apiKeyProvider } from "./apiKeyProvider";

/**
 * The lifecycle methods at the top level of "pulumi-venice/provider", so the serialized stub in every
 * resource's state can stay tiny: `require("pulumi-venice/provider").check(o, n)`.
 */
export const { configure, check, diff, create, read, update } = apiKeyProvider;
const remove = apiKeyProvider.delete;
export { remove as delete };

export { apiKeyProvider };
export {
  checkInputs,
  type ApiKeyInputs,
  type ConsumptionLimit,
  type ApiKeyType,
  type LimitPeriod,
  type ModelPrivacy,
} from "./inputs";
export { diffApiKey, changedFields } from "./diff";
export { updateRequest } from "./requests";
export { resolveSettings, baseUrlProblem, DEFAULT_BASE_URL, type Settings } from "./settings";
export * from "./client/errors";
export * from "./errors";
