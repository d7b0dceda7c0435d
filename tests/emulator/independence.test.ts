import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

/**
 * The emulator and the client are two independent readings of Venice's spec; a shared module would let
 * one mistake pass both. This test fails on any import across the boundary, in either direction.
 */
const ROOT = resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");
  return [...text.matchAll(/(?:from\s+|require\(|import\()\s*["']([^"']+)["']/g)].map((m) => m[1]!);
}

function crossings(fromDir: string, forbidden: string[]): string[] {
  return sources(join(ROOT, fromDir)).flatMap((file) =>
    imports(file)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => relative(ROOT, resolve(file, "..", spec)))
      .filter((target) => forbidden.some((f) => target === f || target.startsWith(`${f}/`)))
      .map((target) => `${relative(ROOT, file)} -> ${target}`),
  );
}

test("the emulator imports nothing from the provider, its client or the SDK", () => {
  expect(crossings("emulator", ["provider", "sdk"])).toEqual([]);
});

test("the provider and SDK import nothing from the emulator", () => {
  expect([...crossings("provider", ["emulator"]), ...crossings("sdk", ["emulator"])]).toEqual([]);
});

test("neither side reaches the other through the package name", () => {
  const offenders = [...sources(join(ROOT, "emulator")), ...sources(join(ROOT, "provider"))].filter((file) =>
    imports(file).some((spec) => spec.startsWith("pulumi-venice")),
  );
  expect(offenders).toEqual([]);
});
