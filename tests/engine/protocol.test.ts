import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import * as pulumi from "@pulumi/pulumi";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { fakeEngine, type FakeEngine } from "../helpers/grpcHost";

/**
 * Drives Pulumi's own dynamic-provider host (the process the engine starts) over gRPC, with the stubs
 * shipped in @pulumi/pulumi, against the emulator. This is the layer where `olds` are outputs, the
 * provider is rebuilt from `__provider`, and errors become gRPC statuses.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- generated JS stubs */
const ROOT = resolve(__dirname, "../..");
const PULUMI = dirname(require.resolve("@pulumi/pulumi/package.json"));
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [PULUMI] }));
const providerProto = require(join(PULUMI, "proto/provider_pb.js"));
const { ResourceProviderClient } = require(join(PULUMI, "proto/provider_grpc_pb.js"));
const { Struct } = require(
  require.resolve("google-protobuf/google/protobuf/struct_pb.js", { paths: [PULUMI] }),
);

const URN = "urn:pulumi:test::proj::pulumi-nodejs:dynamic/venice:ApiKey::k1";
let emu: TestEmulator;
let host: ChildProcess;
let client: any;
let providerText: string;

function call<T>(method: string, request: unknown): Promise<T> {
  return new Promise((resolveCall, reject) =>
    client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolveCall(res))),
  );
}

const struct = (value: object) => Struct.fromJavaScript(value);

let engine: FakeEngine;

beforeAll(async () => {
  emu = await startTestEmulator();
  // A live engine address: the host's provider watches it, and a dead one means "stop everything".
  engine = await fakeEngine();
  const { veniceProvider } = require("pulumi-venice") as typeof import("../../sdk");
  providerText = (await pulumi.runtime.serializeFunction(() => veniceProvider, { allowSecrets: true })).text;
  host = spawn(process.execPath, [require.resolve("@pulumi/pulumi/cmd/dynamic-provider"), engine.address], {
    cwd: ROOT,
    env: {
      ...process.env,
      PULUMI_NODEJS_PROJECT: "proj",
      VENICE_ADMIN_API_KEY: "",
      VENICE_API_KEY: "",
      VENICE_BASE_URL: emu.url,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = (await createInterface({ input: host.stdout! })[Symbol.asyncIterator]().next())
    .value as string;
  client = new ResourceProviderClient(`127.0.0.1:${port.trim()}`, grpc.credentials.createInsecure());
  // The admin key arrives as stack config, as `pulumi config set --secret venice:adminApiKey` would send it.
  const configure = new providerProto.ConfigureRequest();
  configure.setArgs(struct({ "venice:adminApiKey": emu.adminKey }));
  await call("configure", configure);
});

afterAll(async () => {
  client?.close();
  host?.kill();
  await engine.kill();
  await emu.close();
});

async function check(news: object, olds: object = {}) {
  const req = new providerProto.CheckRequest();
  req.setUrn(URN);
  req.setOlds(struct(olds));
  req.setNews(struct({ ...news, __provider: providerText }));
  const res = await call<any>("check", req);
  return {
    inputs: res.getInputs()?.toJavaScript() ?? {},
    failures: res.getFailuresList().map((f: any) => [f.getProperty(), f.getReason()]),
  };
}

async function create(inputs: object) {
  const req = new providerProto.CreateRequest();
  req.setUrn(URN);
  req.setProperties(struct(inputs));
  const res = await call<any>("create", req);
  return { id: res.getId() as string, outs: res.getProperties().toJavaScript() };
}

async function diff(id: string, olds: object, news: object) {
  const req = new providerProto.DiffRequest();
  req.setId(id);
  req.setUrn(URN);
  req.setOlds(struct(olds));
  req.setNews(struct(news));
  const res = await call<any>("diff", req);
  const kinds = providerProto.DiffResponse.DiffChanges;
  const changes =
    res.getChanges() === kinds.DIFF_SOME ? true : res.getChanges() === kinds.DIFF_NONE ? false : "unknown";
  return { changes, replaces: res.getReplacesList() };
}

async function read(id: string, props: object) {
  const req = new providerProto.ReadRequest();
  req.setId(id);
  req.setUrn(URN);
  req.setProperties(struct(props));
  const res = await call<any>("read", req);
  return {
    id: res.getId() as string,
    props: res.getProperties()?.toJavaScript(),
    inputs: res.getInputs()?.toJavaScript(),
  };
}

async function update(id: string, olds: object, news: object) {
  const req = new providerProto.UpdateRequest();
  req.setId(id);
  req.setUrn(URN);
  req.setOlds(struct(olds));
  req.setNews(struct(news));
  return (await call<any>("update", req)).getProperties().toJavaScript();
}

async function remove(id: string, props: object) {
  const req = new providerProto.DeleteRequest();
  req.setId(id);
  req.setUrn(URN);
  req.setProperties(struct(props));
  await call("delete", req);
}

test("the host runs check, create, diff, read, update and delete against Venice", async () => {
  const checked = await check({ description: "engine", consumptionLimit: { usd: 4 }, limitPeriod: "MONTH" });
  expect(checked.failures).toEqual([]);
  expect(checked.inputs).toMatchObject({
    description: "engine",
    apiKeyType: "INFERENCE",
    __provider: providerText,
  });

  const created = await create(checked.inputs);
  expect(created.outs).toMatchObject({
    description: "engine",
    key: expect.stringMatching(/^VENICE_INFERENCE_KEY_/),
    __provider: providerText,
  });

  expect(await diff(created.id, created.outs, checked.inputs)).toEqual({ changes: false, replaces: [] });
  const renamed = { ...checked.inputs, description: "engine 2" };
  expect(await diff(created.id, created.outs, renamed)).toEqual({ changes: true, replaces: [] });
  expect(await diff(created.id, created.outs, { ...checked.inputs, apiKeyType: "ADMIN" })).toEqual({
    changes: true,
    replaces: ["apiKeyType"],
  });

  const updated = await update(created.id, created.outs, renamed);
  expect(updated).toMatchObject({ description: "engine 2", key: created.outs.key, __provider: providerText });

  await emu.control.editKey(created.id, { modelPrivacy: "PRIVATE_ONLY" });
  const refreshed = await read(created.id, updated);
  expect(refreshed.id).toBe(created.id);
  expect(refreshed.props).toMatchObject({ modelPrivacy: "PRIVATE_ONLY", key: created.outs.key });
  expect(refreshed.inputs).toMatchObject({ modelPrivacy: "PRIVATE_ONLY", __provider: providerText });

  await remove(created.id, refreshed.props);
  expect(await emu.control.activeKeys()).toEqual([]);
});

test("check failures reach the engine as property failures", async () => {
  const { failures } = await check({ description: "x".repeat(70), modelPrivacy: "SOME" });
  expect(failures).toEqual(
    expect.arrayContaining([
      ["description", expect.stringMatching(/70 characters.*at most 64/)],
      ["modelPrivacy", expect.stringMatching(/must be one of/)],
    ]),
  );
});

test("a key deleted out of band reads back with a blank id, which the engine drops", async () => {
  const checked = await check({ description: "gone" });
  const created = await create(checked.inputs);
  await emu.control.deleteKey(created.id);
  expect((await read(created.id, created.outs)).id).toBe("");
});

test("a failure reaches the engine as an error whose text holds no secret", async () => {
  await emu.control.injectFaults([
    {
      method: "POST",
      path: "/api_keys",
      action: { type: "status", status: 401, body: { error: "Authentication failed" } },
    },
  ]);
  const checked = await check({ description: "refused" });
  const err = await create(checked.inputs).catch((e: Error) => e);
  expect(String(err)).toMatch(/401.*unknown, revoked or expired/);
  expect(String(err)).not.toContain(emu.adminKey);
});
