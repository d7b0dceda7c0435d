// First, so that Node caches the compilation of everything below (see compileCache.ts).
import "../shared/compileCache";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { serve } from "./server";

/**
 * The native plugin's entry, as `bin/pulumi-resource-venice` runs it (`node .../main.js <engine address>`).
 * Its version is the package's: generated SDKs pin it.
 */
const version = (
  JSON.parse(readFileSync(join(__dirname, "../../../../package.json"), "utf8")) as { version: string }
).version;

serve(version).catch((err: unknown) => {
  process.stderr.write(`pulumi-resource-venice: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
