import * as grpc from "@grpc/grpc-js";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { pluginCertificate } from "../provider/fronts/terraform/certificate";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../provider/fronts/terraform/goPlugin";
import { median } from "./report";

/**
 * How long a plugin takes to start, as its engine sees it: from spawn to the line the engine reads
 * (tofu's handshake line, Pulumi's port line) and to the first answered call (tofu's GetProviderSchema,
 * Pulumi's GetPluginInfo). The client is grpc-js, loaded here before anything is timed. Median of
 * `runs`; each process is killed after its call.
 */
export interface StartTimes {
  lineMs: number;
  firstCallMs: number;
}

const passthrough = {
  requestSerialize: (b: Buffer) => b,
  requestDeserialize: (b: Buffer) => b,
  responseSerialize: (b: Buffer) => b,
  responseDeserialize: (b: Buffer) => b,
};
const method = (path: string) => ({ path, requestStream: false, responseStream: false, ...passthrough });
const TerraformClient = grpc.makeGenericClientConstructor(
  { GetProviderSchema: method("/tfplugin6.Provider/GetProviderSchema") } as never,
  "Provider",
);
const PulumiClient = grpc.makeGenericClientConstructor(
  { GetPluginInfo: method("/pulumirpc.ResourceProvider/GetPluginInfo") } as never,
  "ResourceProvider",
);
type Stub = grpc.Client & Record<string, (req: Buffer, cb: (e: Error | null) => void) => void>;

async function once(command: string, args: string[], kind: "terraform" | "pulumi"): Promise<StartTimes> {
  const client = kind === "terraform" ? pluginCertificate() : undefined;
  const t0 = performance.now();
  const child = spawn(command, args, {
    env: {
      ...process.env,
      [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: "6",
      ...(client ? { PLUGIN_CLIENT_CERT: client.certPem } : {}),
    },
    stdio: ["ignore", "pipe", "ignore"],
  });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`${command} exited ${code} before its first line`)));
    });
    const lineMs = performance.now() - t0;
    let stub: Stub;
    let call: string;
    if (client) {
      const [, , network, address, , cert] = line.split("|");
      // The line's base64 is unpadded (go-plugin's RawStdEncoding); PEM wants it padded.
      const der = Buffer.from(cert!, "base64").toString("base64");
      const serverPem = `-----BEGIN CERTIFICATE-----\n${der}\n-----END CERTIFICATE-----\n`;
      const credentials = grpc.credentials.createSsl(
        Buffer.from(serverPem),
        Buffer.from(client.keyPem),
        Buffer.from(client.certPem),
      );
      // Go providers listen on a unix socket, ours on loopback TCP.
      stub = new TerraformClient(network === "unix" ? `unix:${address}` : address!, credentials, {
        "grpc.ssl_target_name_override": "localhost",
        "grpc.default_authority": "localhost",
      }) as unknown as Stub;
      call = "GetProviderSchema";
    } else {
      stub = new PulumiClient(
        `127.0.0.1:${line.trim()}`,
        grpc.credentials.createInsecure(),
      ) as unknown as Stub;
      call = "GetPluginInfo";
    }
    await new Promise<void>((resolve, reject) =>
      stub[call]!(Buffer.alloc(0), (err) => (err ? reject(err) : resolve())),
    );
    const firstCallMs = performance.now() - t0;
    stub.close();
    return { lineMs, firstCallMs };
  } finally {
    child.kill("SIGKILL");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export async function startTimes(
  command: string,
  kind: "terraform" | "pulumi",
  args: string[] = [],
  runs = 15,
): Promise<StartTimes> {
  // One start first, untimed: the first read of a 130 MiB executable just written is not a start.
  await once(command, args, kind);
  const results: StartTimes[] = [];
  for (let i = 0; i < runs; i++) results.push(await once(command, args, kind));
  return {
    lineMs: round(median(results.map((r) => r.lineMs))),
    firstCallMs: round(median(results.map((r) => r.firstCallMs))),
  };
}
