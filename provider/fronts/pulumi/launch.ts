import { serve } from "./server";

/**
 * What every start of the native plugin does, under node (main.ts) or in the standalone executable
 * (snapshot.ts): serve, print the port (the engine reads it from stdout), then `afterPort`.
 */
export function launch(version: string, afterPort: () => void = () => undefined): void {
  serve(version).then(afterPort, (err: unknown) => {
    process.stderr.write(`pulumi-resource-venice: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
