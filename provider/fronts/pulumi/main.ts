// First, so that Node caches the compilation of everything below (see compileCache.ts).
import "../shared/compileCache";
import { readFileSync } from "node:fs";
import { flushCompileCache } from "node:module";
import { join } from "node:path";
import { launch } from "./launch";

/**
 * The native plugin's entry, as `bin/pulumi-resource-venice` runs it (`node .../main.js <engine address>`).
 * Its version is the package's: generated SDKs pin it. (The standalone executable starts from
 * snapshot.ts.)
 */
const { version } = JSON.parse(readFileSync(join(__dirname, "../../../../package.json"), "utf8")) as {
  version: string;
};

// Node writes its compile cache only at a normal exit, and the engine ends its plugins: write it now.
launch(version, () => flushCompileCache?.());
