import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { ARM64_PULUMI_PLUGIN, QEMU_AARCH64 } from "../helpers/foreignPlatforms";
import { veniceSchema } from "../../provider/fronts/pulumi/schema";
import { secret } from "../../provider/fronts/pulumi/values";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import {
  Empty,
  fakeEngine,
  grpc,
  providerProto,
  ResourceProviderClient,
  spawnHost,
  Struct,
  type FakeEngine,
  type SpawnedHost,
} from "../helpers/grpcHost";

/**
 * The native plugin (`bin/pulumi-resource-venice`) driven over gRPC as the engine drives it: Configure
 * with arguments, GetSchema, Check, Diff, Create, Read by id alone (import), Update, Delete, Invoke.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- generated JS stubs */
const ROOT = resolve(__dirname, "../..");
const pb = providerProto;
const URN = "urn:pulumi:test::proj::venice:index:ApiKey::k1";
const VERSION = (require("../../package.json") as { version: string }).version;

let emu: TestEmulator;
/** Another account, where the environment points: keys must never land there when a provider says otherwise. */
let other: TestEmulator;
let engine: FakeEngine;
let host: SpawnedHost;
let client: any;

const struct = (value: object) => Struct.fromJavaScript(value);
function call<T = any>(method: string, request: unknown): Promise<T> {
  return new Promise((ok, fail) =>
    client[method](request, (err: Error | null, res: T) => (err ? fail(err) : ok(res))),
  );
}

/**
 * The plugin under test: the npm package's (node running main.js), the standalone executable of `npm run
 * release` with no Node.js on PATH, and its linux-arm64 build under qemu's user-mode emulation, where the
 * machine has qemu-aarch64-static (.ci/run installs it).
 */
interface Plugin {
  args: string[];
  executable?: string;
  env?: Record<string, string>;
}
const STANDALONE = join(ROOT, "dist-release/pulumi-resource-venice");
const PLUGINS: Array<[string, Plugin]> = [
  ["the npm package's plugin", { args: [join(ROOT, "dist/provider/fronts/pulumi/main.js")] }],
  ...(existsSync(STANDALONE)
    ? [
        [
          "the standalone executable",
          { args: [], executable: STANDALONE, env: { PATH: "/nonexistent" } },
        ] as [string, Plugin],
      ]
    : []),
  ...(ARM64_PULUMI_PLUGIN
    ? [
        ["the linux-arm64 executable (qemu)", { args: [ARM64_PULUMI_PLUGIN], executable: QEMU_AARCH64! }] as [
          string,
          Plugin,
        ],
      ]
    : []),
];
let plugin: Plugin;

async function start(configure: { name: string; args: object }) {
  engine = await fakeEngine();
  host = await spawnHost([...plugin.args, engine.address], {
    cwd: ROOT,
    ...(plugin.executable ? { executable: plugin.executable } : {}),
    env: {
      ...plugin.env,
      VENICE_ADMIN_API_KEY: other.adminKey,
      VENICE_API_KEY: "",
      VENICE_BASE_URL: other.url,
    },
  });
  client = new ResourceProviderClient(`127.0.0.1:${host.port}`, grpc.credentials.createInsecure());
  const req = new pb.ConfigureRequest();
  req.setArgs(struct(configure.args));
  req.setName(configure.name);
  req.setUrn(`urn:pulumi:test::proj::pulumi:providers:venice::${configure.name}`);
  const res = await call("configure", req);
  expect(res.getAcceptsecrets()).toBe(true);
}

beforeAll(async () => {
  emu = await startTestEmulator();
  other = await startTestEmulator({
    adminKey: "VENICE_ADMIN_KEY_otheraccount000000000000000000000000000000",
  });
});
afterAll(async () => {
  await emu.close();
  await other.close();
});
beforeEach(async () => {
  await emu.control.reset();
  await other.control.reset();
});
afterEach(async () => {
  client?.close();
  host?.child.kill("SIGKILL");
  await engine?.kill().catch(() => undefined);
});

/** An explicit provider for `emu`, its admin key a secret as the engine sends it. */
const explicit = () =>
  start({ name: "account", args: { adminApiKey: secret(emu.adminKey), baseUrl: emu.url } });

async function check(news: object, olds: object = {}) {
  const req = new pb.CheckRequest();
  req.setUrn(URN);
  req.setOlds(struct(olds));
  req.setNews(struct(news));
  const res = await call("check", req);
  return {
    inputs: res.getInputs()?.toJavaScript() ?? {},
    failures: res.getFailuresList().map((f: any) => [f.getProperty(), f.getReason()]),
  };
}
async function create(inputs: object) {
  const req = new pb.CreateRequest();
  req.setUrn(URN);
  req.setProperties(struct(inputs));
  const res = await call("create", req);
  return { id: res.getId() as string, outs: res.getProperties().toJavaScript() };
}
async function read(id: string, props: object = {}) {
  const req = new pb.ReadRequest();
  req.setId(id);
  req.setUrn(URN);
  req.setProperties(struct(props));
  const res = await call("read", req);
  return {
    id: res.getId() as string,
    props: res.getProperties()?.toJavaScript(),
    inputs: res.getInputs()?.toJavaScript(),
  };
}
async function diff(id: string, olds: object, news: object) {
  const req = new pb.DiffRequest();
  req.setId(id);
  req.setUrn(URN);
  req.setOlds(struct(olds));
  req.setNews(struct(news));
  const res = await call("diff", req);
  return {
    changes: res.getChanges() === pb.DiffResponse.DiffChanges.DIFF_SOME,
    replaces: res.getReplacesList(),
    diffs: res.getDiffsList(),
  };
}

describe.each(PLUGINS)("%s", (_name, under) => {
  beforeAll(() => {
    plugin = under;
  });

  test("GetSchema serves the schema generated from the facts module, at the package's version", async () => {
    await explicit();
    const req = new pb.GetSchemaRequest();
    const schema = JSON.parse((await call("getSchema", req)).getSchema());
    expect(schema).toEqual(veniceSchema(VERSION));
    expect(schema.resources["venice:index:ApiKey"].properties.key.secret).toBe(true);
    expect(schema.resources["venice:index:ApiKey"].inputProperties.adoptKeyValue.secret).toBe(true);
    expect((await call("getPluginInfo", new Empty())).getVersion()).toBe(VERSION);
  });

  test("an explicit provider's arguments reach the core and win over the environment", async () => {
    await explicit();
    const { inputs } = await check({ description: "explicit" });
    const { id } = await create(inputs);
    expect((await emu.control.activeKeys()).map((k) => k.id)).toEqual([id]);
    expect(await other.control.activeKeys()).toEqual([]);
  });

  test("the default provider keeps the environment first", async () => {
    await start({ name: "default_0_1_0", args: { adminApiKey: secret(emu.adminKey), baseUrl: emu.url } });
    const { inputs } = await check({ description: "default" });
    await create(inputs);
    expect(await emu.control.activeKeys()).toEqual([]);
    expect((await other.control.activeKeys()).map((k) => k.description)).toEqual(["default"]);
  });

  test("check, create, diff, read, update and delete run the same lifecycle as the dynamic provider", async () => {
    await explicit();
    const checked = await check({
      description: "native",
      consumptionLimit: { usd: 5 },
      limitPeriod: "MONTH",
    });
    expect(checked).toMatchObject({ failures: [], inputs: { apiKeyType: "INFERENCE", modelPrivacy: "ALL" } });
    const { id, outs } = await create(checked.inputs);
    expect(outs.key).toEqual(secret(expect.stringMatching(/^VENICE_INFERENCE_KEY_/)));
    expect(await diff(id, outs, checked.inputs)).toMatchObject({ changes: false, replaces: [] });

    const renamed = (await check({ ...checked.inputs, description: "renamed" })).inputs;
    expect(await diff(id, outs, renamed)).toMatchObject({
      changes: true,
      replaces: [],
      diffs: ["description"],
    });
    const req = new pb.UpdateRequest();
    req.setId(id);
    req.setUrn(URN);
    req.setOlds(struct(outs));
    req.setNews(struct(renamed));
    const updated = (await call("update", req)).getProperties().toJavaScript();
    expect(updated).toMatchObject({ description: "renamed", key: outs.key });
    expect((await emu.control.activeKeys())[0]).toMatchObject({ description: "renamed" });

    const admin = (await check({ ...checked.inputs, apiKeyType: "ADMIN" })).inputs;
    expect(await diff(id, updated, admin)).toMatchObject({ replaces: ["apiKeyType"] });

    const del = new pb.DeleteRequest();
    del.setId(id);
    del.setUrn(URN);
    del.setProperties(struct(updated));
    await call("delete", del);
    expect(await emu.control.activeKeys()).toEqual([]);
    expect((await read(id, updated)).id).toBe("");
  });

  test("an adopted key's value is a secret again in check's inputs", async () => {
    await explicit();
    const made = (await emu.api("POST", "/api_keys", { apiKeyType: "INFERENCE", description: "by hand" }))
      .body.data;
    const { inputs } = await check({
      description: "adopted",
      adoptKeyId: made.id,
      adoptKeyValue: secret(made.apiKey),
    });
    expect(inputs.adoptKeyValue).toEqual(secret(made.apiKey));
  });

  test("read by id alone (import) returns inputs that pass check unchanged, and no secret", async () => {
    await explicit();
    const made = (
      await emu.api("POST", "/api_keys", {
        apiKeyType: "INFERENCE",
        description: "imported",
        modelPrivacy: "PRIVATE_TEXT",
      })
    ).body.data;
    const imported = await read(made.id);
    expect(imported.id).toBe(made.id);
    expect(imported.props.key).toBeUndefined();
    const again = await check(imported.inputs);
    expect(again.failures).toEqual([]);
    expect(await diff(made.id, imported.props, again.inputs)).toMatchObject({ changes: false });
  });

  test("getApiKey and getApiKeys are served as functions, with the provider's own account", async () => {
    await explicit();
    const made = (await emu.api("POST", "/api_keys", { apiKeyType: "INFERENCE", description: "ci / x" })).body
      .data;
    const one = new pb.InvokeRequest();
    one.setTok("venice:index:getApiKey");
    one.setArgs(struct({ id: made.id }));
    expect((await call("invoke", one)).getReturn().toJavaScript()).toMatchObject({
      id: made.id,
      description: "ci / x",
    });
    const all = new pb.InvokeRequest();
    all.setTok("venice:index:getApiKeys");
    all.setArgs(struct({ descriptionPrefix: "ci / " }));
    expect((await call("invoke", all)).getReturn().toJavaScript()).toEqual({
      keys: [expect.objectContaining({ id: made.id })],
    });
  });

  test("a resource type it does not serve is an error naming it", async () => {
    await explicit();
    const req = new pb.CheckRequest();
    req.setUrn("urn:pulumi:test::proj::venice:index:Other::x");
    req.setOlds(struct({}));
    req.setNews(struct({}));
    await expect(call("check", req)).rejects.toThrow(/no resource type venice:index:Other/);
  });
});
