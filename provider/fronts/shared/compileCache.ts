import { enableCompileCache } from "node:module";

/**
 * Pulumi starts the provider host afresh for every command, and loading the provider is most of its
 * start (zod, undici, ours). Node's own compile cache (in the OS temp folder) saves about a quarter of
 * that from the second command on. Imported first by index.ts, so it covers everything loaded after it.
 */
enableCompileCache?.();
