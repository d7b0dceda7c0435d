// First, so that Node caches the compilation of everything below (see compileCache.ts).
import "../shared/compileCache";
import { readFileSync } from "node:fs";
import { flushCompileCache } from "node:module";
import { join } from "node:path";
import { serve } from "./server";

/**
 * The native plugin's entry, as `bin/pulumi-resource-venice` runs it (`node .../main.js <engine address>`).
 * Its version is the package's: generated SDKs pin it.
 */
declare const PULUMI_VENICE_VERSION: string | undefined;
// A standalone executable has no package.json beside it: `npm run release` writes the version in.
const version =
  typeof PULUMI_VENICE_VERSION !== "undefined"
    ? PULUMI_VENICE_VERSION
    : (JSON.parse(readFileSync(join(__dirname, "../../../../package.json"), "utf8")) as { version: string })
        .version;

serve(version).then(
  // Node writes its compile cache only at a normal exit, and the engine ends its plugins: write it now.
  () => flushCompileCache?.(),
  (err: unknown) => {
    process.stderr.write(`pulumi-resource-venice: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
