import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";

/**
 * The gRPC runtime the native front speaks with: @grpc/grpc-js and google-protobuf as @pulumi/pulumi
 * ships them (resolved from its folder, since they are its dependencies, not ours). The generated
 * stubs themselves are required by path where they are used.
 */
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));

export const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcTypes;
export type { grpcTypes };

export const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb") as {
  Empty: new () => unknown;
};
export const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb") as {
  Struct: { fromJavaScript(value: Record<string, unknown>): unknown };
};
