import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FIELDS, fieldRecord } from "../../domain";
import { argumentTable, generatedBlock } from "../../domain/docs";
import { generatedDocs } from "../../toolchain/docs/generatedDocs";

/**
 * What the compiler cannot see: prose. The SDK's TSDoc and every generated document say exactly what the
 * field records in domain/fields.ts say. (Names and types are checked at compile time, sdk/contract.ts.)
 */
const ROOT = join(__dirname, "../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const words = (text: string) =>
  text
    .replace(/\s*\*\s*/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** The TSDoc right above `field` (or `field?`) inside `interface name { ... }` of a source file. */
function tsdocOf(source: string, name: string, field: string): string | undefined {
  const body = source.slice(source.indexOf(`interface ${name} {`));
  const match = new RegExp(`/\\*\\*([^]*?)\\*/\\s*${field}\\??:`).exec(body);
  if (!match) return undefined;
  const doc = match[1]!;
  return words(doc.slice(doc.lastIndexOf("/**") + 1));
}

test.each([...FIELDS])("the SDK documents %s with its record's text", (field) => {
  expect(tsdocOf(read("sdk/apiKey.ts"), "ApiKeyArgs", field)).toBe(words(fieldRecord(field).doc));
});

test("the README's argument table is the one generated from the records", () => {
  const { start, end } = generatedBlock("ApiKey arguments");
  const readme = read("README.md");
  const block = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end)).trim();
  expect(block).toBe(argumentTable());
});

test.each(generatedDocs().map((d) => [d.path, d] as const))(
  "%s holds what `npm run docs` generates",
  (path, doc) => {
    const text = read(path);
    if (!doc.block) return expect(text).toBe(doc.text);
    const inner = text.slice(
      text.indexOf(doc.block.start) + doc.block.start.length,
      text.indexOf(doc.block.end),
    );
    expect(inner.trim()).toBe(doc.text.trim());
  },
);

test("the Go SDK's pulumi-plugin.json names the plugin version it was generated for", () => {
  const plugin = JSON.parse(read("sdk/go/venice/pulumi-plugin.json")) as { version?: string };
  const pkg = JSON.parse(read("package.json")) as { version: string };
  expect(plugin).toMatchObject({ resource: true, name: "venice", version: pkg.version });
});
