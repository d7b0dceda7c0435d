import { execFile } from "node:child_process";
import { existsSync, statSync, readFileSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { consumerDir } from "../../driver/consumer";

/** The package as users get it: packed, installed from the tarball next to @pulumi/pulumi. */
const run = promisify(execFile);
let dir: string;
beforeAll(() => {
  dir = consumerDir();
});

async function nodeIn(cwd: string, script: string): Promise<string> {
  return (await run(process.execPath, ["-e", script], { cwd })).stdout.trim();
}

test("the installed package is a real copy, not a link back to this repository", () => {
  const installed = realpathSync(join(dir, "node_modules", "pulumi-venice"));
  expect(installed.startsWith(resolve(__dirname, "../.."))).toBe(false);
});

test("it exports ApiKey and the provider stub from the main entry", async () => {
  const exported = await nodeIn(
    dir,
    'console.log(JSON.stringify(Object.keys(require("pulumi-venice")).sort()))',
  );
  expect(JSON.parse(exported)).toEqual(expect.arrayContaining(["ApiKey", "veniceProvider"]));
});

test("it ships type declarations for the SDK", () => {
  expect(existsSync(join(dir, "node_modules", "pulumi-venice", "dist", "sdk", "index.d.ts"))).toBe(true);
});

test("the provider and emulator subpaths resolve", async () => {
  const out = await nodeIn(
    dir,
    'const p = require("pulumi-venice/provider"); const e = require("pulumi-venice/emulator"); console.log(typeof p.check, typeof p.delete, typeof e.startEmulator)',
  );
  expect(out).toBe("function function function");
});

test("it ships no tests, sources or repository tooling", () => {
  const manifest = JSON.parse(
    readFileSync(join(dir, "node_modules", "pulumi-venice", "package.json"), "utf8"),
  );
  expect(manifest.name).toBe("pulumi-venice");
  for (const absent of ["tests", "provider", "sdk", "toolchain", "dist/tests", "dist/demo", "dist/bench"]) {
    expect(existsSync(join(dir, "node_modules", "pulumi-venice", absent))).toBe(false);
  }
});

test("it ships the native plugin's launcher, executable, and the schema it serves", () => {
  const installed = join(dir, "node_modules", "pulumi-venice");
  expect(statSync(join(installed, "bin", "pulumi-resource-venice")).mode & 0o111).not.toBe(0);
  const schema = JSON.parse(readFileSync(join(installed, "schema.json"), "utf8")) as {
    name: string;
    version: string;
  };
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { version: string };
  expect(schema).toMatchObject({ name: "venice", version: manifest.version });
});

test("an ApiKey declared in the installed package runs under Pulumi's mocks", async () => {
  const script = `
    const pulumi = require("@pulumi/pulumi");
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: "id-1", state: { ...a.inputs, last6Chars: "abcdef" } }), call: () => ({}) }, "p", "s").then(() => {
      const { ApiKey } = require("pulumi-venice");
      const key = new ApiKey("k", { description: "from the tarball" });
      key.last6Chars.apply((v) => console.log(v));
    });`;
  expect(await nodeIn(dir, script)).toBe("abcdef");
});

test("the venice-emulator bin is installed and answers --help", async () => {
  const { stdout } = await run(join(dir, "node_modules", ".bin", "venice-emulator"), ["--help"], {
    cwd: dir,
  });
  expect(stdout).toMatch(/usage: venice-emulator/);
});
