/**
 * The facts module: what an ApiKey is, independent of how it is managed. Imports nothing but zod, so
 * the policy pack and the native schema generator can load it without the client or undici.
 */
export * from "./apiKey";
export * from "./duration";
export * from "./expiry";
export * from "./tokens";
export * from "./fieldDocs";
