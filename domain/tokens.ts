/**
 * The names Pulumi knows an ApiKey by. They are public interface: state, policies, audits and aliases
 * match on them, so they never change.
 */

/** The package (and the dynamic resource's module). */
export const PACKAGE = "venice";
/** The resource's type name. */
export const API_KEY = "ApiKey";
/** The type token of the dynamic `ApiKey` (sdk/): Pulumi prefixes dynamic resources with `pulumi-nodejs:dynamic/`. */
export const DYNAMIC_API_KEY_TOKEN = `pulumi-nodejs:dynamic/${PACKAGE}:${API_KEY}`;
/** The type token a native `venice` provider serves the same resource under. */
export const NATIVE_API_KEY_TOKEN = `${PACKAGE}:index:${API_KEY}`;
/** Every token an ApiKey can have in state, for whoever reads state (policy pack, audit). */
export const API_KEY_TOKENS: readonly string[] = [DYNAMIC_API_KEY_TOKEN, NATIVE_API_KEY_TOKEN];
/** The native provider's functions: one key by id, and the account's keys (filtered). */
export const GET_API_KEY_TOKEN = `${PACKAGE}:index:getApiKey`;
export const GET_API_KEYS_TOKEN = `${PACKAGE}:index:getApiKeys`;
