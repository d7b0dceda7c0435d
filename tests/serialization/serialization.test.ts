import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

const ROOT = resolve(__dirname, "../..");
let emu: TestEmulator;
let text: string;
let containsSecrets: boolean;

beforeAll(async () => {
  emu = await startTestEmulator();
  // The built package, as users get it, serialized exactly as dynamic.Resource does.
  const { veniceProvider } = require("pulumi-venice") as typeof import("../../sdk");
  const serialized = await pulumi.runtime.serializeFunction(() => veniceProvider, { allowSecrets: true });
  text = serialized.text;
  containsSecrets = serialized.containsSecrets;
});
afterAll(() => emu.close());

test("the serialized provider is under 2 KB", () => {
  expect(Buffer.byteLength(text)).toBeLessThan(2048);
});

test("the serialized provider captures no secret", () => {
  expect(containsSecrets).toBe(false);
  expect(text).not.toMatch(/VENICE_[A-Z]+_KEY_/);
  expect(text).not.toContain(emu.adminKey);
});

test("the serialized provider requires only package names", () => {
  const requires = [...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  expect(requires.length).toBeGreaterThan(0);
  for (const target of requires) expect(target).toBe("pulumi-venice/provider");
});

test("the serialized text runs the whole lifecycle in a separate Node process, as the engine's host does", async () => {
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
  expect((await emu.control.requests()).map((r) => r.method)).toEqual([
    "GET",
    "POST",
    "GET",
    "GET",
    "PATCH",
    "DELETE",
  ]);
});

test("the serialized text is identical however often it is produced (no diff from re-serialization)", async () => {
  const { veniceProvider } = require("pulumi-venice") as typeof import("../../sdk");
  const again = await pulumi.runtime.serializeFunction(() => veniceProvider, { allowSecrets: true });
  expect(again.text).toBe(text);
});
