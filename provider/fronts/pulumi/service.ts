import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import type { ServiceDefinition } from "../shared/grpcServer";
import { Empty, type Message, type MessageClass } from "./pulumiRpc";

/**
 * The methods of Pulumi's ResourceProvider service this plugin serves, with their message classes
 * (those of @pulumi/pulumi/proto/provider_grpc_pb.js, which cannot be loaded without grpc-js). Every
 * other method is answered UNIMPLEMENTED, which the engine takes as "not supported" (Handshake,
 * Parameterize, GetMapping, Construct, Call...), as it did when grpc-js served the full definition.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the generated stubs ship in @pulumi/pulumi */
const pb = require("@pulumi/pulumi/proto/provider_pb") as typeof providerPb & Record<string, MessageClass>;
const pluginPb = require("@pulumi/pulumi/proto/plugin_pb") as Record<string, MessageClass>;
/* eslint-enable @typescript-eslint/no-require-imports */

const METHODS: Record<string, [string, MessageClass, MessageClass]> = {
  getPluginInfo: ["GetPluginInfo", Empty, pluginPb.PluginInfo!],
  getSchema: ["GetSchema", pb.GetSchemaRequest, pb.GetSchemaResponse],
  checkConfig: ["CheckConfig", pb.CheckRequest, pb.CheckResponse],
  diffConfig: ["DiffConfig", pb.DiffRequest, pb.DiffResponse],
  configure: ["Configure", pb.ConfigureRequest, pb.ConfigureResponse],
  check: ["Check", pb.CheckRequest, pb.CheckResponse],
  diff: ["Diff", pb.DiffRequest, pb.DiffResponse],
  create: ["Create", pb.CreateRequest, pb.CreateResponse],
  read: ["Read", pb.ReadRequest, pb.ReadResponse],
  update: ["Update", pb.UpdateRequest, pb.UpdateResponse],
  delete: ["Delete", pb.DeleteRequest, Empty],
  invoke: ["Invoke", pb.InvokeRequest, pb.InvokeResponse],
  cancel: ["Cancel", Empty, Empty],
  attach: ["Attach", pluginPb.PluginAttach!, Empty],
} as Record<string, [string, MessageClass, MessageClass]>;

export const RESOURCE_PROVIDER_SERVICE: ServiceDefinition = Object.fromEntries(
  Object.entries(METHODS).map(([name, [method, request]]) => [
    name,
    {
      path: `/pulumirpc.ResourceProvider/${method}`,
      requestDeserialize: (bytes: Buffer) => request.deserializeBinary(new Uint8Array(bytes)),
      responseSerialize: (message: Message) => message.serializeBinary(),
    },
  ]),
);
