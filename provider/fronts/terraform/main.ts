// First, so that Node caches the compilation of everything below (see compileCache.ts).
import "../shared/compileCache";
import { checkLaunch, NotAPluginLaunchError, servePlugin } from "./goPlugin";
import { terraformGuard } from "./guard";
import { providerService } from "./server";

/**
 * The Terraform/OpenTofu provider's entry, as `bin/terraform-provider-venice` runs it. Nothing may be
 * printed to stdout before the handshake line (goPlugin.ts).
 */
// Ctrl-C reaches the whole process group: tofu stops gracefully and records what was made, so the
// provider must finish what it is doing rather than die mid-create (as go-plugin's Go providers do).
process.on("SIGINT", () => undefined);

try {
  checkLaunch(process.env);
  servePlugin(providerService(terraformGuard())).catch((err: unknown) => {
    process.stderr.write(`terraform-provider-venice: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
} catch (err) {
  process.stderr.write(`${err instanceof NotAPluginLaunchError ? err.message : String(err)}\n`);
  process.exit(1);
}
