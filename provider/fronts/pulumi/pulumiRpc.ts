import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";

/**
 * The gRPC runtime the native front speaks with: @grpc/grpc-js and google-protobuf as @pulumi/pulumi
 * ships them (resolved from its folder, since they are its dependencies). The generated stubs themselves
 * are required by path where they are used.
 *
 * In a standalone executable (`npm run release` bundles the plugin, defining PULUMI_VENICE_BUNDLED) there
 * is no node_modules to resolve from at run time: plain requires, which the bundler resolves at build
 * time, from the same folders the stubs' own requires resolve from.
 */
declare const PULUMI_VENICE_BUNDLED: boolean | undefined;
const bundled = typeof PULUMI_VENICE_BUNDLED !== "undefined" && PULUMI_VENICE_BUNDLED;
const fromPulumi = () => createRequire(require.resolve("@pulumi/pulumi/package.json"));

/* eslint-disable @typescript-eslint/no-require-imports -- resolved as @pulumi/pulumi's own, see above */
export const grpc = (bundled ? require("@grpc/grpc-js") : fromPulumi()("@grpc/grpc-js")) as typeof grpcTypes;
export type { grpcTypes };

export const { Empty } = (
  bundled
    ? require("google-protobuf/google/protobuf/empty_pb")
    : fromPulumi()("google-protobuf/google/protobuf/empty_pb")
) as { Empty: new () => unknown };
export const { Struct } = (
  bundled
    ? require("google-protobuf/google/protobuf/struct_pb")
    : fromPulumi()("google-protobuf/google/protobuf/struct_pb")
) as { Struct: { fromJavaScript(value: Record<string, unknown>): unknown } };
/* eslint-enable @typescript-eslint/no-require-imports */
