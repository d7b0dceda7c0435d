import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { pluginCertificate } from "../../provider/fronts/terraform/certificate";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../../provider/fronts/terraform/goPlugin";
import { PROTOCOL } from "../../provider/fronts/terraform/protocol";

/**
 * A go-plugin client stand-in, as tofu starts and talks to a provider: the magic cookie and protocol
 * versions in the environment, its own client certificate for AutoMTLS, the handshake line read from
 * the first line of stdout, and the server's certificate from that line as the only root trusted.
 */
export const LAUNCHER = join(__dirname, "../../bin/terraform-provider-venice");
/** The provider as `npm run release` builds it: one executable, no Node.js needed. */
export const STANDALONE = join(__dirname, "../../dist-release/terraform-provider-venice_v0.1.0");

export interface PluginProcess {
  child: ChildProcess;
  handshake: string;
  /** Calls a tfplugin6 Provider method; resolves with the response message. */
  call<T = Record<string, unknown>>(method: string, request?: Record<string, unknown>): Promise<T>;
  /** go-plugin's own services: GRPCController.Shutdown, grpc.health.v1.Health.Check. */
  shutdown(): Promise<void>;
  health(): Promise<number>;
  stderr(): string;
  exited: Promise<number | null>;
  close(): void;
}

const LOADER = { keepCase: true, longs: Number, enums: Number, defaults: true, oneofs: true } as const;
type Methods = Record<string, (req: unknown, cb: (e: Error | null, r: unknown) => void) => void>;
type Constructor = new (
  address: string,
  credentials: grpc.ChannelCredentials,
  options: object,
) => Methods & grpc.Client;

export async function startPlugin(
  env: Record<string, string> = {},
  executable = LAUNCHER,
): Promise<PluginProcess> {
  const client = pluginCertificate();
  const child = spawn(executable, [], {
    env: {
      ...process.env,
      PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
      [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: "5,6",
      PLUGIN_CLIENT_CERT: client.certPem,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const handshake = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) =>
      reject(new Error(`provider exited ${code} before its handshake: ${stderr}`)),
    );
  });
  const [, , network, address, , cert] = handshake.split("|");
  if (network !== "tcp") throw new Error(`unexpected network ${network}`);
  const serverPem = `-----BEGIN CERTIFICATE-----\n${Buffer.from(cert!, "base64").toString("base64")}\n-----END CERTIFICATE-----\n`;
  const credentials = grpc.credentials.createSsl(
    Buffer.from(serverPem),
    Buffer.from(client.keyPem),
    Buffer.from(client.certPem),
  );
  const options = { "grpc.ssl_target_name_override": "localhost", "grpc.default_authority": "localhost" };
  const proto = grpc.loadPackageDefinition(protoLoader.fromJSON(PROTOCOL, LOADER)) as unknown as {
    tfplugin6: { Provider: Constructor };
    plugin: { GRPCController: Constructor };
    grpc: { health: { v1: { Health: Constructor } } };
  };
  const provider = new proto.tfplugin6.Provider(address!, credentials, options);
  const controller = new proto.plugin.GRPCController(address!, credentials, options);
  const health = new proto.grpc.health.v1.Health(address!, credentials, options);
  const unary = <T>(stub: Methods, method: string, request: unknown) =>
    new Promise<T>((resolve, reject) => stub[method]!(request, (e, r) => (e ? reject(e) : resolve(r as T))));
  return {
    child,
    handshake,
    call: (method, request = {}) => unary(provider, method, request),
    shutdown: () => unary(controller, "Shutdown", {}),
    health: async () => (await unary<{ status: number }>(health, "Check", { service: "plugin" })).status,
    stderr: () => stderr,
    exited,
    close() {
      provider.close();
      controller.close();
      health.close();
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
