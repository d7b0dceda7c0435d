import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import {
  exitWithin,
  fakeEngine,
  grpc,
  PULUMI_DIR,
  spawnHost,
  type FakeEngine,
  type SpawnedHost,
} from "../helpers/grpcHost";

/**
 * Pulumi's dynamic-provider host, started as the engine starts it (with the engine's address), when
 * that engine dies mid-run as a SIGKILLed CLI does: nothing queued starts, a key answered afterwards is
 * deleted again, and the host process exits instead of finishing work for nobody.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- generated JS stubs */
const ROOT = resolve(__dirname, "../..");
const providerProto = require(join(PULUMI_DIR, "proto/provider_pb.js"));
const { ResourceProviderClient } = require(join(PULUMI_DIR, "proto/provider_grpc_pb.js"));
const { Struct } = require(
  require.resolve("google-protobuf/google/protobuf/struct_pb.js", { paths: [PULUMI_DIR] }),
);
const URN = (n: string) => `urn:pulumi:test::proj::pulumi-nodejs:dynamic/venice:ApiKey::${n}`;

let emu: TestEmulator;
let providerText: string;
let engine: FakeEngine;
let host: SpawnedHost;
let client: any;

beforeAll(async () => {
  emu = await startTestEmulator();
  const { veniceProvider } = require("pulumi-venice") as typeof import("../../sdk");
  providerText = (await pulumi.runtime.serializeFunction(() => veniceProvider, { allowSecrets: true })).text;
});
afterAll(() => emu.close());

beforeEach(async () => {
  await emu.control.reset();
  engine = await fakeEngine();
  host = await spawnHost([require.resolve("@pulumi/pulumi/cmd/dynamic-provider"), engine.address], {
    cwd: ROOT,
    env: {
      PULUMI_NODEJS_PROJECT: "proj",
      VENICE_ADMIN_API_KEY: emu.adminKey,
      VENICE_BASE_URL: emu.url,
      VENICE_API_KEY: "",
      // One creation a minute: a second create waits in the pacer, as when a killed `up` had queued work.
      VENICE_CREATION_LIMIT: "1",
      VENICE_CREATION_WINDOW_MS: "60000",
    },
  });
  client = new ResourceProviderClient(`127.0.0.1:${host.port}`, grpc.credentials.createInsecure());
  const configure = new providerProto.ConfigureRequest();
  configure.setArgs(Struct.fromJavaScript({}));
  await call("configure", configure);
});
afterEach(async () => {
  client.close();
  host.child.kill("SIGKILL");
  await engine.kill().catch(() => undefined);
});

function call<T = any>(method: string, request: unknown): Promise<T> {
  return new Promise((ok, fail) =>
    client[method](request, (err: Error | null, res: T) => (err ? fail(err) : ok(res))),
  );
}

function create(name: string) {
  const req = new providerProto.CreateRequest();
  req.setUrn(URN(name));
  req.setProperties(
    Struct.fromJavaScript({
      description: name,
      apiKeyType: "INFERENCE",
      limitPeriod: "EPOCH",
      modelPrivacy: "ALL",
      __provider: providerText,
    }),
  );
  return call("create", req);
}

test("creates waiting for a pacing slot never start once the engine is gone, and the host exits", async () => {
  await create("first"); // takes the window's only slot
  const queued = [create("second"), create("third")].map((p) =>
    p.then(
      () => "created",
      () => "dropped",
    ),
  );
  await engine.kill();
  await expect(exitWithin(host, 10_000)).resolves.toBe(0);
  expect(await Promise.all(queued)).toEqual(["dropped", "dropped"]);
  expect((await emu.control.keys()).map((k) => k.description)).toEqual(["first"]);
});

test("a create answered after the engine is gone deletes the key it made, then the host exits", async () => {
  await emu.control.injectFaults([
    { method: "POST", path: "/api_keys", action: { type: "latency", ms: 3000 } },
  ]);
  const pending = create("late").then(
    () => "created",
    () => "undone",
  );
  // The POST is on its way (held 3 s by the emulator) when the engine dies.
  await new Promise((r) => setTimeout(r, 300)); // the latency fault is the signal's stand-in: nothing to await
  await engine.kill();
  await expect(exitWithin(host, 15_000)).resolves.toBe(0);
  expect(await pending).toBe("undone");
  const keys = await emu.control.keys();
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatchObject({ description: "late", state: "deleted" });
});

test("a key handed back moments before the engine dies is deleted: the engine may never have recorded it", async () => {
  await create("handed back");
  await engine.kill();
  await expect(exitWithin(host, 15_000)).resolves.toBe(0);
  expect(await emu.control.keys()).toEqual([
    expect.objectContaining({ description: "handed back", state: "deleted" }),
  ]);
});

test("while the engine lives, the host keeps serving", async () => {
  await create("alive");
  await expect(exitWithin(host, 3_000)).rejects.toThrow(/still running/);
  expect((await emu.control.activeKeys()).map((k) => k.description)).toEqual(["alive"]);
});
