import { checkLaunch, NotAPluginLaunchError, PROVIDER_METHODS, servePlugin } from "./goPlugin";
import type { providerService } from "./server";

export type ProviderService = ReturnType<typeof providerService>;

/**
 * What every start of the provider does, whichever way it was started (main.ts under node, snapshot.ts
 * in the standalone executable): refuse a start that is not tofu's, serve, print the handshake line,
 * then load the provider itself (`load`) while tofu connects. Nothing may reach stdout before the line.
 */
export function launch(load: () => ProviderService, afterHandshake: () => void = () => undefined): void {
  // Ctrl-C reaches the whole process group: tofu stops gracefully and records what was made, so the
  // provider must finish what it is doing rather than die mid-create (as go-plugin's Go providers do).
  process.on("SIGINT", () => undefined);
  let service: ProviderService | undefined;
  const loaded = () => (service ??= load());
  const lazy = Object.fromEntries(
    PROVIDER_METHODS.map((name) => [name, (call: never, callback: never) => loaded()[name](call, callback)]),
  ) as unknown as ProviderService;
  try {
    checkLaunch(process.env);
  } catch (err) {
    process.stderr.write(`${err instanceof NotAPluginLaunchError ? err.message : String(err)}\n`);
    process.exit(1);
  }
  servePlugin(lazy).then(
    () =>
      setImmediate(() => {
        loaded();
        afterHandshake();
      }),
    (err: unknown) => {
      process.stderr.write(
        `terraform-provider-venice: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
