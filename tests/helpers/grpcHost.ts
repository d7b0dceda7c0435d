import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:net";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

/**
 * Helpers for driving a Pulumi plugin process (a language or provider host) the way the engine does:
 * a stand-in "engine" that only listens (what the hosts probe), the host spawned with its address, and
 * the host's first stdout line read as its port.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- generated JS stubs */
export const PULUMI_DIR = dirname(require.resolve("@pulumi/pulumi/package.json"));
export const grpc: any = require(require.resolve("@grpc/grpc-js", { paths: [PULUMI_DIR] }));
/** The ResourceProvider stubs and the protobuf types a provider's requests are built from. */
export const providerProto: any = require(join(PULUMI_DIR, "proto/provider_pb.js"));
export const { ResourceProviderClient } = require(join(PULUMI_DIR, "proto/provider_grpc_pb.js"));
const fromPulumi = (path: string) => require(require.resolve(path, { paths: [PULUMI_DIR] }));
export const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb.js");
export const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb.js");

export interface FakeEngine {
  address: string;
  /** The engine dies: its port refuses from now on. */
  kill(): Promise<void>;
}

export async function fakeEngine(): Promise<FakeEngine> {
  const sockets = new Set<import("node:net").Socket>();
  const server: Server = createServer((s) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    address: `127.0.0.1:${port}`,
    kill: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export interface SpawnedHost {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  stderr: () => string;
}

export async function spawnHost(
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; executable?: string },
): Promise<SpawnedHost> {
  // `executable`: a standalone plugin (npm run release) started as the engine starts it, without node.
  const child = spawn(options.executable ?? process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const line = (await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next()).value as
    string | undefined;
  if (!line) throw new Error(`host printed no port: ${stderr}`);
  return { child, port: Number(line.trim()), exited, stderr: () => stderr };
}

/** Resolves with the exit code, or rejects when the process is still running after `ms`. */
export function exitWithin(host: SpawnedHost, ms: number): Promise<number | null> {
  return Promise.race([
    host.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms).unref(),
    ),
  ]);
}
