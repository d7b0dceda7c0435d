import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  fakeEngine,
  grpc,
  PULUMI_DIR,
  spawnHost,
  type FakeEngine,
  type SpawnedHost,
} from "../helpers/grpcHost";

/**
 * The Node language-host stand-in (toolchain/langhost), driven over gRPC as the engine drives it: every
 * RPC answered in its own call shape, RunPlugin streaming, and exit when the engine is gone.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- generated JS stubs */
const ROOT = resolve(__dirname, "../..");
const langproto = require(join(PULUMI_DIR, "proto/language_pb.js"));
const { LanguageRuntimeClient } = require(join(PULUMI_DIR, "proto/language_grpc_pb.js"));

let engine: FakeEngine;
let host: SpawnedHost;
let client: any;

beforeAll(() => mkdirSync(join(ROOT, ".state"), { recursive: true }));
beforeEach(async () => {
  engine = await fakeEngine();
  host = await spawnHost([join(ROOT, "toolchain/langhost/pulumi-language-nodejs.js"), engine.address], {
    cwd: ROOT,
  });
  client = new LanguageRuntimeClient(`127.0.0.1:${host.port}`, grpc.credentials.createInsecure());
});
afterEach(async () => {
  client.close();
  host.child.kill("SIGKILL");
  await engine.kill().catch(() => undefined);
});

const unary = (method: string, request: unknown) =>
  new Promise<any>((resolveCall, reject) =>
    client[method](request, (err: any, res: any) => (err ? reject(err) : resolveCall(res))),
  );

/** Every message and the final status of a server-streaming call. */
function stream(method: string, request: unknown): Promise<{ messages: any[]; status: any }> {
  return new Promise((resolveCall) => {
    const messages: any[] = [];
    const call = client[method](request);
    call.on("data", (m: any) => messages.push(m));
    call.on("error", (status: any) => resolveCall({ messages, status }));
    call.on("end", () => resolveCall({ messages, status: { code: grpc.status.OK } }));
  });
}

test("Handshake is answered", async () => {
  const req = new langproto.LanguageHandshakeRequest();
  req.setEngineAddress(engine.address);
  await expect(unary("handshake", req)).resolves.toBeDefined();
});

test("an RPC it does not implement is answered UNIMPLEMENTED, not an opaque error", async () => {
  await expect(unary("generateProgram", new langproto.GenerateProgramRequest())).rejects.toMatchObject({
    code: grpc.status.UNIMPLEMENTED,
  });
  await expect(unary("pack", new langproto.PackRequest())).rejects.toMatchObject({
    code: grpc.status.UNIMPLEMENTED,
  });
});

test("About names the Node.js runtime, as `pulumi about` shows it", async () => {
  const about = await unary("about", new langproto.AboutRequest());
  expect(about.getExecutable()).toBe(process.execPath);
  expect(about.getVersion()).toMatch(/^\d+\.\d+\.\d+$/);
});

test("GetProgramDependencies lists the Pulumi packages the program resolves", async () => {
  const info = new langproto.ProgramInfo();
  info.setProgramDirectory(ROOT);
  info.setRootDirectory(ROOT);
  info.setEntryPoint(".");
  const req = new langproto.GetProgramDependenciesRequest();
  req.setInfo(info);
  const deps = (await unary("getProgramDependencies", req))
    .getDependenciesList()
    .map((d: any) => d.getName());
  expect(deps).toEqual(expect.arrayContaining(["@pulumi/pulumi", "@pulumi/policy", "pulumi-venice"]));
});

test("InstallDependencies is a stream that ends cleanly", async () => {
  expect((await stream("installDependencies", new langproto.InstallDependenciesRequest())).status.code).toBe(
    grpc.status.OK,
  );
});

test("RunPlugin failing to start answers with a status on the stream, naming the fix", async () => {
  const info = new langproto.ProgramInfo();
  const empty = mkdtempSync(join(tmpdir(), "no-pulumi-"));
  info.setProgramDirectory(empty);
  info.setRootDirectory(empty);
  info.setEntryPoint(".");
  const req = new langproto.RunPluginRequest();
  req.setInfo(info);
  req.setKind("analyzer");
  const { status } = await stream("runPlugin", req);
  expect(status.code).toBe(grpc.status.UNKNOWN);
  expect(status.details).toMatch(
    /run-policy-pack cannot be found.*npm install @pulumi\/pulumi @pulumi\/policy/,
  );
});

test("RunPlugin streams a plugin's stdout and stderr, then its exit code", async () => {
  const dir = mkdtempSync(join(ROOT, ".state", "plugin-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "p", version: "1.0.0", main: "index.js" }));
  writeFileSync(
    join(dir, "index.js"),
    'process.stdout.write("out\\n"); process.stderr.write("err\\n"); process.exitCode = 3;',
  );
  const info = new langproto.ProgramInfo();
  info.setProgramDirectory(dir);
  info.setRootDirectory(dir);
  info.setEntryPoint(".");
  const req = new langproto.RunPluginRequest();
  req.setInfo(info);
  req.setKind("tool");
  req.setPwd(dir);
  const { messages, status } = await stream("runPlugin", req);
  expect(status.code).toBe(grpc.status.OK);
  const text = (has: string, get: string) =>
    Buffer.concat(messages.filter((m) => m[has]()).map((m) => Buffer.from(m[get]()))).toString();
  expect(text("hasStdout", "getStdout")).toContain("out\n");
  expect(text("hasStderr", "getStderr")).toContain("err\n");
  expect(messages.at(-1).getExitcode()).toBe(3);
});
