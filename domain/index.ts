/**
 * The facts module: what an ApiKey is, independent of how it is managed. Imports nothing but zod, so
 * the policy pack and the schema generators can load it without the client or undici.
 */
export * from "./fieldNames";
export * from "./apiKey";
export * from "./fields";
export * from "./duration";
export * from "./expiry";
export * from "./tokens";
