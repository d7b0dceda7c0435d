import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { ARM64_PULUMI_PLUGIN, QEMU_AARCH64 } from "../helpers/foreignPlatforms";
import {
  exitWithin,
  fakeEngine,
  grpc,
  providerProto,
  ResourceProviderClient,
  spawnHost,
  Struct,
  type FakeEngine,
} from "../helpers/grpcHost";

/**
 * The one promise both engine watches make (provider/engineWatch.ts in the provider hosts, dynamic and native,
 * toolchain/langhost/engineWatch.js in the language-host stand-in, the same probe written twice because
 * the stand-in runs from the CLI cache, outside the package): a host whose engine is gone exits within
 * seconds, and a host whose engine lives keeps running.
 */
const ROOT = resolve(__dirname, "../..");

let emu: TestEmulator;
beforeAll(async () => (emu = await startTestEmulator()));
afterAll(() => emu.close());

/** Starts a host for `engine`, and has it load whatever watches the engine. */
type Start = (engine: FakeEngine) => Promise<Awaited<ReturnType<typeof spawnHost>>>;

const providerHost: Start = async (engine) => {
  const host = await spawnHost([require.resolve("@pulumi/pulumi/cmd/dynamic-provider"), engine.address], {
    cwd: ROOT,
    env: { PULUMI_NODEJS_PROJECT: "proj", VENICE_ADMIN_API_KEY: emu.adminKey, VENICE_BASE_URL: emu.url },
  });
  // The host loads the provider (and so its watch) with the first request that names it.
  const { veniceProvider } = require("pulumi-venice") as typeof import("../../sdk");
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const providerText = (await pulumi.runtime.serializeFunction(() => veniceProvider, { allowSecrets: true }))
    .text;
  const client = new ResourceProviderClient(`127.0.0.1:${host.port}`, grpc.credentials.createInsecure());
  const check = new providerProto.CheckRequest();
  check.setUrn("urn:pulumi:test::proj::pulumi-nodejs:dynamic/venice:ApiKey::k");
  check.setOlds(Struct.fromJavaScript({}));
  check.setNews(Struct.fromJavaScript({ description: "watched", __provider: providerText }));
  await new Promise((ok, fail) =>
    client.check(check, (err: Error | null) => (err ? fail(err) : ok(undefined))),
  );
  client.close();
  return host;
};

const nativePlugin: Start = (engine) =>
  spawnHost([join(ROOT, "dist/provider/fronts/pulumi/main.js"), engine.address], {
    cwd: ROOT,
    env: { VENICE_ADMIN_API_KEY: emu.adminKey, VENICE_BASE_URL: emu.url },
  });

const languageHost: Start = (engine) =>
  spawnHost([join(ROOT, "toolchain/langhost/pulumi-language-nodejs.js"), engine.address], { cwd: ROOT });

/** The native plugin as `npm run release` builds it (npm test runs the release first). */
const STANDALONE = join(ROOT, "dist-release/pulumi-resource-venice");
const standalonePlugin: Start = (engine) =>
  spawnHost([engine.address], {
    cwd: ROOT,
    executable: STANDALONE,
    env: { PATH: "/nonexistent", VENICE_ADMIN_API_KEY: emu.adminKey, VENICE_BASE_URL: emu.url },
  });

/** Its linux-arm64 build, under qemu's user-mode emulation where the machine has it. */
const arm64Plugin: Start = (engine) =>
  spawnHost([ARM64_PULUMI_PLUGIN!, engine.address], {
    cwd: ROOT,
    executable: QEMU_AARCH64!,
    env: { PATH: "/nonexistent", VENICE_ADMIN_API_KEY: emu.adminKey, VENICE_BASE_URL: emu.url },
  });

const HOSTS: Array<[string, Start]> = [
  ["the dynamic-provider host", providerHost],
  ["the native venice plugin", nativePlugin],
  ["the language-host stand-in", languageHost],
  ...(existsSync(STANDALONE) ? [["the standalone native plugin", standalonePlugin] as [string, Start]] : []),
  ...(ARM64_PULUMI_PLUGIN ? [["the linux-arm64 native plugin (qemu)", arm64Plugin] as [string, Start]] : []),
];

test.each(HOSTS)("%s exits within seconds once its engine is gone", async (_name, start) => {
  const engine = await fakeEngine();
  const host = await start(engine);
  try {
    await engine.kill();
    await expect(exitWithin(host, 10_000)).resolves.toBe(0);
  } finally {
    host.child.kill("SIGKILL");
  }
});

test.each(HOSTS)("%s keeps running while its engine lives", async (_name, start) => {
  const engine = await fakeEngine();
  const host = await start(engine);
  try {
    await expect(exitWithin(host, 3_000)).rejects.toThrow(/still running/);
  } finally {
    host.child.kill("SIGKILL");
    await engine.kill();
  }
});
