import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { consumerDir } from "../../driver/consumer";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

const ROOT = resolve(__dirname, "../..");
let emu: TestEmulator;
/** What a user's program writes: the packed package under node_modules, serialized by a plain Node. */
let named: { text: string; containsSecrets: boolean };
/** The fallback form, where the serializer cannot name the module (jest here, linked checkouts). */
let inlined: { text: string; containsSecrets: boolean };

async function serializeInUserProject(): Promise<{ text: string; containsSecrets: boolean }> {
  const script = `
    const pulumi = require("@pulumi/pulumi");
    const { veniceProvider } = require("pulumi-venice");
    pulumi.runtime.serializeFunction(() => veniceProvider, { allowSecrets: true })
      .then((s) => console.log(JSON.stringify({ text: s.text, containsSecrets: s.containsSecrets })));`;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: consumerDir() });
  return JSON.parse(stdout.trim().split("\n").pop()!) as { text: string; containsSecrets: boolean };
}

beforeAll(async () => {
  emu = await startTestEmulator();
  named = await serializeInUserProject();
  // Serialized exactly as dynamic.Resource does.
  const { veniceProvider } = require("pulumi-venice") as typeof import("../../sdk");
  inlined = await pulumi.runtime.serializeFunction(() => veniceProvider, { allowSecrets: true });
});
afterAll(() => emu.close());

const requiresOf = (text: string) => [...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);

test("in a user's program the serialized provider is one require of pulumi-venice/provider-stub, under 1 KB", () => {
  expect(Buffer.byteLength(named.text)).toBeLessThanOrEqual(1024);
  expect(requiresOf(named.text)).toEqual(["pulumi-venice/provider-stub"]);
});

test("the inlined fallback requires only pulumi-venice/provider by name, and stays small", () => {
  expect(Buffer.byteLength(inlined.text)).toBeLessThan(2560);
  const requires = requiresOf(inlined.text);
  expect(requires.length).toBeGreaterThan(0);
  for (const target of requires) expect(target).toBe("pulumi-venice/provider");
});

test.each([
  ["named", () => named],
  ["inlined", () => inlined],
])("the %s serialized provider captures no secret", (_form, form) => {
  const { text, containsSecrets } = form();
  expect(containsSecrets).toBe(false);
  expect(text).not.toMatch(/VENICE_[A-Z]+_KEY_/);
  expect(text).not.toContain(emu.adminKey);
});

test.each([
  ["named", () => named.text],
  ["inlined", () => inlined.text],
])(
  "the %s serialized text runs the whole lifecycle in a separate Node process, as the engine's host does",
  async (_form, textOf) => {
    await emu.control.reset();
    const text = textOf();
    const dir = mkdtempSync(join(tmpdir(), "venice-serialized-"));
    writeFileSync(join(dir, "provider.js.txt"), text);
    const script = `
    const requireFromString = require(${JSON.stringify(require.resolve("require-from-string"))});
    const fs = require("fs");
    const provider = requireFromString(fs.readFileSync(process.argv[1], "utf8")).handler();
    (async () => {
      await provider.configure({ config: { get: () => undefined, require: () => "" } });
      const checked = await provider.check({}, { description: "serialized", consumptionLimit: { usd: 3 } });
      if (checked.failures) throw new Error("check failed");
      const created = await provider.create(checked.inputs);
      const read = await provider.read(created.id, created.outs);
      const news = { ...checked.inputs, description: "serialized 2" };
      const diff = await provider.diff(created.id, read.props, news);
      const updated = await provider.update(created.id, read.props, news);
      await provider.delete(created.id, updated.outs);
      console.log(JSON.stringify({ id: created.id, diff, updated: updated.outs.description, kept: updated.outs.key === created.outs.key }));
    })().catch((e) => { console.error(String(e)); process.exit(1); });`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["-e", script, join(dir, "provider.js.txt")],
      {
        cwd: ROOT, // the program folder: where "pulumi-venice/provider" resolves, as for a user
        env: { ...process.env, VENICE_ADMIN_API_KEY: emu.adminKey, VENICE_BASE_URL: emu.url },
      },
    );
    const result = JSON.parse(stdout.trim().split("\n").pop()!);
    expect(result).toMatchObject({
      diff: { changes: true, replaces: [] },
      updated: "serialized 2",
      kept: true,
    });
    expect(await emu.control.activeKeys()).toEqual([]);
    // create, read, update, delete: one request each.
    expect((await emu.control.requests()).map((r) => r.method)).toEqual(["POST", "GET", "PATCH", "DELETE"]);
  },
);

test("the serialized text is identical however often it is produced (no diff from re-serialization)", async () => {
  const { veniceProvider } = require("pulumi-venice") as typeof import("../../sdk");
  const again = await pulumi.runtime.serializeFunction(() => veniceProvider, { allowSecrets: true });
  expect(again.text).toBe(inlined.text);
  expect((await serializeInUserProject()).text).toBe(named.text);
});
