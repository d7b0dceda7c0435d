import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { veniceSchema } from "./schema";

/**
 * `npm run build` writes the schema the plugin serves to schema.json at the package root, for SDK
 * generation and for anyone who wants to read it without starting the plugin.
 */
const root = join(__dirname, "../../../..");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
writeFileSync(join(root, "schema.json"), `${JSON.stringify(veniceSchema(version), null, 2)}\n`);
