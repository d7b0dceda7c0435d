import { grpc, type grpcTypes } from "./pulumiRpc";

/**
 * Warnings for the person running the CLI, through the engine's own log service (the address the engine
 * started the plugin with): the CLI shows them under the resource, as it does its own diagnostics.
 * Best effort: a warning that cannot be delivered within 2 s is dropped, never an operation's failure.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the generated stubs ship in @pulumi/pulumi */
type EnginePb = typeof import("@pulumi/pulumi/proto/engine_pb");
type EngineGrpc = {
  EngineClient: new (
    address: string,
    credentials: grpcTypes.ChannelCredentials,
  ) => {
    log(
      request: unknown,
      metadata: grpcTypes.Metadata,
      options: grpcTypes.CallOptions,
      callback: (err: Error | null) => void,
    ): void;
    close(): void;
  };
};
/** Loaded at the first warning, with grpc-js: most runs never warn, and the plugin starts without them. */
const engineRpc = () => ({
  enginePb: require("@pulumi/pulumi/proto/engine_pb") as EnginePb,
  EngineClient: (require("@pulumi/pulumi/proto/engine_grpc_pb") as EngineGrpc).EngineClient,
});
/* eslint-enable @typescript-eslint/no-require-imports */

export function warn(engineAddress: string | undefined, urn: string, message: string): Promise<void> {
  if (!engineAddress) return Promise.resolve();
  const { enginePb, EngineClient } = engineRpc();
  const client = new EngineClient(engineAddress, grpc().credentials.createInsecure());
  const request = new enginePb.LogRequest();
  request.setSeverity(enginePb.LogSeverity.WARNING);
  request.setUrn(urn);
  request.setMessage(message);
  return new Promise<void>((resolve) =>
    // Bounded: an engine that does not answer must not hold up the operation.
    client.log(request, new (grpc().Metadata)(), { deadline: Date.now() + 2_000 }, () => {
      client.close();
      resolve();
    }),
  );
}
