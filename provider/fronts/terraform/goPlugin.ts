import { GrpcServer, type Implementation, type ServiceDefinition } from "../shared/grpcServer";
import { pluginCertificate } from "./certificate";
import { Registry } from "./protobuf";
import { PROTOCOL, PROVIDER_METHODS } from "./protocol";

export { PROVIDER_METHODS };

/**
 * The go-plugin side of a Terraform provider, which tofu and terraform speak before any tfplugin6 call:
 * the magic cookie, the protocol version, AutoMTLS with our own self-signed certificate, the handshake
 * line on stdout, and go-plugin's own services (health, shutdown, stdio, broker) beside the provider.
 */
export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const CORE_PROTOCOL = 1;
const PROTOCOL_VERSION = 6;

export class NotAPluginLaunchError extends Error {
  override name = "NotAPluginLaunchError";
}

/** Refuses a start that is not tofu's or terraform's (no cookie), or one that wants another protocol. */
export function checkLaunch(env: NodeJS.ProcessEnv): void {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    throw new NotAPluginLaunchError(
      "This binary is a plugin. These are not meant to be executed directly.\n" +
        "Please execute the program that consumes these plugins, which will load any plugins automatically " +
        '(here: `tofu` or `terraform`, with `source = "pulumi-venice/venice"`).',
    );
  }
  const versions = (env.PLUGIN_PROTOCOL_VERSIONS ?? String(PROTOCOL_VERSION)).split(",").map((v) => v.trim());
  if (!versions.includes(String(PROTOCOL_VERSION))) {
    throw new NotAPluginLaunchError(
      `terraform-provider-venice speaks plugin protocol ${PROTOCOL_VERSION}; the client offers ${versions.join(", ")}. ` +
        "Use OpenTofu 1.6 or Terraform 1.0 or newer.",
    );
  }
}

type Handlers = { [M in (typeof PROVIDER_METHODS)[number]]: (call: never, callback: never) => void };

let registry: Registry | undefined;
/** The protocol's messages and services, for the process (built into the standalone's snapshot). */
export const protocolRegistry = () => (registry ??= new Registry(PROTOCOL));

/**
 * go-plugin's Shutdown: answer first, then go once the client has hung up (it closes right after the
 * answer, then waits up to 2 s for the exit before it kills; tofu does this 2-5 times per command). The
 * fallback exit counts from the answer being written out, not from the call: on a slow machine (arm64
 * under qemu, both cores busy) encrypting and writing the answer took over 50 ms, and an exit counted
 * from the call dropped it. A cancelled call exits at once; a stream that fails after the answer (neither
 * "sent" nor "cancelled") exits after 1 s, still within the client's 2.
 */
/** What Shutdown needs of its call (ServerCall's signals). */
type ShutdownCall = { on(event: "cancelled" | "sent", listener: () => void): unknown };

export function shutdownThenExit(
  server: Pick<GrpcServer, "closeWhenIdle">,
  exit: () => void,
): (call: ShutdownCall, callback: (e: null, r: object) => void) => void {
  return (call, callback) => {
    call.on("sent", () => {
      setTimeout(exit, 50).unref();
      server.closeWhenIdle(exit);
    });
    call.on("cancelled", exit);
    setTimeout(exit, 1000).unref();
    callback(null, {});
  };
}

/** Serves the provider and go-plugin's services; prints the handshake line; returns once it is printed. */
export async function servePlugin(
  provider: Handlers,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GrpcServer> {
  const service = (path: string) => protocolRegistry().service(path) as unknown as ServiceDefinition;
  const server = new GrpcServer();
  server.addService(service("tfplugin6.Provider"), provider as unknown as Implementation);
  server.addService(service("grpc.health.v1.Health"), {
    Check: (_call: unknown, callback: (e: null, r: { status: number }) => void) =>
      callback(null, { status: 1 }),
  } as Implementation);
  server.addService(service("plugin.GRPCController"), {
    Shutdown: shutdownThenExit(server, () => process.exit(0)),
  } as Implementation);
  server.addService(service("plugin.GRPCStdio"), { StreamStdio: stdioStream } as Implementation);
  // Providers never use the broker; its stream is accepted and held open (see grpcServer.ts).
  server.addService(service("plugin.GRPCBroker"), { StartStream: () => undefined } as Implementation);

  const clientCert = env.PLUGIN_CLIENT_CERT;
  const certificate = clientCert ? pluginCertificate() : undefined;
  const port = await server.listen(
    "127.0.0.1",
    certificate && clientCert
      ? { key: certificate.keyPem, cert: certificate.certPem, clientCert }
      : undefined,
  );
  // go-plugin decodes the certificate with RawStdEncoding: base64 without padding.
  const cert = certificate ? certificate.der.toString("base64").replace(/=+$/, "") : "";
  const line = `${CORE_PROTOCOL}|${PROTOCOL_VERSION}|tcp|127.0.0.1:${port}|grpc|${cert}\n`;
  process.stdout.write(line);
  captureStdout();
  return server;
}

/**
 * After the handshake line, nothing more may reach stdout directly: tofu reads it as plugin messages.
 * Writes go to go-plugin's stdio stream once tofu opens it (kept until then).
 */
const pending: Buffer[] = [];
let stream: { write(data: { channel: number; data: Buffer }): void } | undefined;

function captureStdout(): void {
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const data = Buffer.from(chunk);
    if (stream) stream.write({ channel: 1, data });
    else pending.push(data);
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;
}

function stdioStream(call: {
  write(data: { channel: number; data: Buffer }): void;
  on(e: string, f: () => void): void;
}) {
  stream = call;
  for (const data of pending.splice(0)) call.write({ channel: 1, data });
  call.on("cancelled", () => {
    if (stream === call) stream = undefined;
  });
}
