// First, so that Node caches the compilation of everything below (see compileCache.ts).
import "../shared/compileCache";
import { flushCompileCache } from "node:module";
import { checkLaunch, NotAPluginLaunchError, PROVIDER_METHODS, servePlugin } from "./goPlugin";
import type { providerService } from "./server";

/**
 * The Terraform/OpenTofu provider's entry, as `bin/terraform-provider-venice` runs it. Nothing may be
 * printed to stdout before the handshake line (goPlugin.ts).
 *
 * Tofu starts the provider afresh 2 to 5 times per command, so the start is this front's first cost:
 * only what the handshake needs (grpc-js, the protocol) loads before the line is printed; the provider
 * itself (the core, zod, the client) loads right after it, while tofu connects.
 */
// Ctrl-C reaches the whole process group: tofu stops gracefully and records what was made, so the
// provider must finish what it is doing rather than die mid-create (as go-plugin's Go providers do).
process.on("SIGINT", () => undefined);

type Service = ReturnType<typeof providerService>;
let service: Service | undefined;
const load = (): Service =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the handshake on purpose
  (service ??= (require("./server") as typeof import("./server")).providerService());
const lazy = Object.fromEntries(
  PROVIDER_METHODS.map((name) => [name, (call: never, callback: never) => load()[name](call, callback)]),
) as unknown as Service;

try {
  checkLaunch(process.env);
  servePlugin(lazy).then(
    () =>
      setImmediate(() => {
        load();
        // Node writes its compile cache only at a normal exit, and tofu ends its providers: write it now.
        flushCompileCache?.();
      }),
    (err: unknown) => {
      process.stderr.write(
        `terraform-provider-venice: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      process.exit(1);
    },
  );
} catch (err) {
  process.stderr.write(`${err instanceof NotAPluginLaunchError ? err.message : String(err)}\n`);
  process.exit(1);
}
