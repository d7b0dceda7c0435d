// First, so that Node caches the compilation of everything below (see compileCache.ts).
import "./fronts/shared/compileCache";
import { apiKeyProvider } from "./fronts/dynamic/provider";

/**
 * "pulumi-venice/provider": the dynamic front's lifecycle methods at the top level, so the serialized
 * stub in every resource's state can stay tiny: `require("pulumi-venice/provider").check(o, n)`. Every
 * release's state names this module, so these names never change.
 */
export const { configure, check, diff, create, read, update } = apiKeyProvider;
const remove = apiKeyProvider.delete;
export { remove as delete };

export { apiKeyProvider };
export type {
  ApiKeyInputs,
  ApiKeyOutputs,
  ConsumptionLimit,
  ApiKeyType,
  LimitPeriod,
  ModelPrivacy,
} from "../domain";
export * from "./client/errors";
export * from "./core/errors";
