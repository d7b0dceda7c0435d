#!/usr/bin/env node
import { redact } from "../provider/client/redact";
import { audit, terminalConfirm, USAGE } from "./audit";

/** `pulumi-venice <command>`: commands for people and CI, over the provider's own client and settings. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "audit") {
    return audit(rest, {
      out: (t) => process.stdout.write(t),
      err: (t) => process.stderr.write(t),
      confirm: terminalConfirm(),
    });
  }
  process.stderr.write(
    `pulumi-venice: ${command ? `unknown command "${command}"` : "a command is required"}\n\n${USAGE}\n`,
  );
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    // Last resort: our own errors are already redacted; anything else is redacted here.
    const detail = err instanceof Error ? err.message : String(err);
    process.stderr.write(`pulumi-venice: unexpected failure: ${redact(detail)}\n`);
    process.exitCode = 2;
  },
);
