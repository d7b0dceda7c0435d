/**
 * Compile-time checks that the hand-written SDK says what domain/ says: every argument, every output,
 * every provider setting, no more and no fewer. Adding a field to domain/ (or a setting to SETTINGS)
 * fails `npm run typecheck` here until both ApiKey classes and ProviderArgs have it. Nothing here runs.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ApiKeyOutputs, Exactly, Field, OutputField } from "../domain";
import type { SETTINGS } from "../provider/core/settings";
import type { ApiKey as DynamicApiKey, ApiKeyArgs } from "./apiKey";
import type { ApiKey as NativeApiKey, ProviderArgs } from "./native";

/** The outputs a resource class declares: its `pulumi.Output` members but the engine's own. */
type DeclaredOutputs<R> = Exclude<
  { [K in keyof R]: R[K] extends pulumi.Output<unknown> ? K : never }[keyof R],
  "id" | "urn"
>;
/** What each declared output should be, from the state's shape (optional outputs may be undefined). */
type OutputTypes = { [F in OutputField]-?: pulumi.Output<ApiKeyOutputs[F]> };
type Matches<R> = { [F in OutputField]: R extends Record<F, OutputTypes[F]> ? true : never }[OutputField];

const _argsAreTheFields: Exactly<keyof ApiKeyArgs, Field> = true;
const _dynamicOutputs: Exactly<DeclaredOutputs<DynamicApiKey>, OutputField> = true;
const _nativeOutputs: Exactly<DeclaredOutputs<NativeApiKey>, OutputField> = true;
const _dynamicOutputTypes: Matches<DynamicApiKey> = true;
const _nativeOutputTypes: Matches<NativeApiKey> = true;
const _providerArgsAreTheSettings: Exactly<
  keyof ProviderArgs,
  (typeof SETTINGS)[keyof typeof SETTINGS]["config"]
> = true;
export const SDK_CONTRACT_HOLDS = [
  _argsAreTheFields,
  _dynamicOutputs,
  _nativeOutputs,
  _dynamicOutputTypes,
  _nativeOutputTypes,
  _providerArgsAreTheSettings,
].every(Boolean);
