/**
 * The lifecycle core, and the one door through which fronts, the CLI, the SDK's lookups and the bench
 * reach it and the client: `createLifecycle` builds one provider instance's lifecycle from its
 * configuration; the rest are the pure rules and settings those callers share.
 */
export {
  createLifecycle,
  type CheckResult,
  type Configuration,
  type CreateResult,
  type DiffResult,
  type Lifecycle,
  type LifecycleOptions,
  type ReadResult,
} from "./lifecycle";
export { NO_ENGINE, operationCounter, type EngineGuard } from "./engineGuard";
export { checkInputs, type CheckFailure, type CheckedInputs } from "./inputs";
export { changedFields, type KeyState } from "./diff";
export { createRequest, updateRequest } from "./requests";
export { EXPIRY_SKEW_MS } from "./rotation";
export { inputsFromVenice } from "./state";
export { isOwnAdminKey } from "./selfLockout";
export { lookupApiKey, lookupApiKeys, type ApiKeyFilter, type ApiKeyInfo } from "./lookups";
export { withClient } from "./clients";
export * as clock from "./clock";
export {
  baseUrlProblem,
  configKeysLeftToConfig,
  DEFAULT_BASE_URL,
  resolveSettings,
  SETTINGS,
  SettingsError,
  type ConfigSource,
  type Precedence,
  type SettingName,
  type Settings,
} from "./settings";
export * from "./errors";
// The client, as its callers outside the core need it.
export * from "../client/errors";
export {
  isNotFound,
  VeniceClient,
  type CreateKeyRequest,
  type UpdateKeyRequest,
} from "../client/veniceClient";
export type { CreatedKey, VeniceKey } from "../client/schemas";
export { Pipeline, prepareHttp, type PipelineHooks, type RequestSpec } from "../client/pipeline";
export { redact } from "../client/redact";
export { createAnswer, getAnswer, listAnswer, updateAnswer } from "../client/schemas";
