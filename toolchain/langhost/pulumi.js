"use strict";
// The program's own @pulumi/pulumi, and the gRPC stubs from the same copy: a second google-protobuf
// copy would break the generated stubs, so everything resolves from the working folder first.
const path = require("node:path");

function resolveFrom(request) {
  return require.resolve(request, { paths: [process.cwd(), __dirname] });
}
const pulumiDir = path.dirname(resolveFrom("@pulumi/pulumi/package.json"));
const fromPulumi = (request) => require(require.resolve(request, { paths: [pulumiDir] }));

module.exports = {
  pulumiDir,
  pulumiVersion: require(path.join(pulumiDir, "package.json")).version,
  grpc: fromPulumi("@grpc/grpc-js"),
  emptyProto: fromPulumi("google-protobuf/google/protobuf/empty_pb.js"),
  langproto: require(path.join(pulumiDir, "proto/language_pb.js")),
  langrpc: require(path.join(pulumiDir, "proto/language_grpc_pb.js")),
  pluginproto: require(path.join(pulumiDir, "proto/plugin_pb.js")),
  analyzerproto: require(path.join(pulumiDir, "proto/analyzer_pb.js")),
  analyzerrpc: require(path.join(pulumiDir, "proto/analyzer_grpc_pb.js")),
};
