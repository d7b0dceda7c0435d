import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";

/**
 * The runtime the native front speaks with, as @pulumi/pulumi ships it (resolved from its folder, since
 * they are its dependencies): google-protobuf and the generated message classes, and @grpc/grpc-js for
 * the one call the plugin makes to the engine (its log, engineLog.ts), loaded only then: the plugin
 * serves with our own server on node:http2 (../shared/grpcServer.ts), which starts 40-60 ms sooner.
 *
 * In a standalone executable (`npm run release` bundles the plugin, defining PULUMI_VENICE_BUNDLED) there
 * is no node_modules to resolve from at run time: plain requires, which the bundler resolves at build
 * time, from the same folders the stubs' own requires resolve from.
 */
declare const PULUMI_VENICE_BUNDLED: boolean | undefined;
const bundled = typeof PULUMI_VENICE_BUNDLED !== "undefined" && PULUMI_VENICE_BUNDLED;
const fromPulumi = () => createRequire(require.resolve("@pulumi/pulumi/package.json"));

/* eslint-disable @typescript-eslint/no-require-imports -- resolved as @pulumi/pulumi's own, see above */
export type { grpcTypes };
let grpcModule: typeof grpcTypes | undefined;
export const grpc = (): typeof grpcTypes =>
  (grpcModule ??= (bundled ? require("@grpc/grpc-js") : fromPulumi()("@grpc/grpc-js")) as typeof grpcTypes);

export interface Message {
  serializeBinary(): Uint8Array;
}
export interface MessageClass<T = Message> {
  new (): T;
  deserializeBinary(bytes: Uint8Array): T;
}
export const { Empty } = (
  bundled
    ? require("google-protobuf/google/protobuf/empty_pb")
    : fromPulumi()("google-protobuf/google/protobuf/empty_pb")
) as { Empty: MessageClass };
export const { Struct } = (
  bundled
    ? require("google-protobuf/google/protobuf/struct_pb")
    : fromPulumi()("google-protobuf/google/protobuf/struct_pb")
) as { Struct: { fromJavaScript(value: Record<string, unknown>): unknown } };
/* eslint-enable @typescript-eslint/no-require-imports */
