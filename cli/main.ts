#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { redact } from "../provider/core";
import { audit, terminalConfirm, USAGE as AUDIT_USAGE, type AuditIo } from "./audit";
import { conformance, CONFORMANCE_USAGE } from "./conformance/command";
import { MIRROR_USAGE, terraformMirror } from "./terraformMirror";

/** `pulumi-venice <command>`: commands for people and CI, over the provider's own client and settings. */
const COMMANDS: Record<
  string,
  { run: (argv: string[], io: AuditIo) => Promise<number>; usage: string; summary: string }
> = {
  audit: {
    run: audit,
    usage: AUDIT_USAGE,
    summary: "the account's live keys against stacks' state: unmanaged keys and hygiene findings",
  },
  conformance: {
    run: conformance,
    usage: CONFORMANCE_USAGE,
    summary: "checks the Venice API against every assumption the provider makes",
  },
  "terraform-mirror": {
    run: terraformMirror,
    usage: MIRROR_USAGE,
    summary: "lays out the Terraform/OpenTofu provider as a filesystem mirror for `tofu init`",
  },
};

export const USAGE = `usage: pulumi-venice <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(18)}${c.summary}`)
  .join("\n")}

\`pulumi-venice <command> --help\` shows a command's options; \`pulumi-venice --version\` prints the version.`;

function version(): string {
  return (JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as { version: string })
    .version;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === "--version" || command === "-v") {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const found = command === undefined ? undefined : COMMANDS[command];
  if (!found) {
    process.stderr.write(
      `pulumi-venice: ${command ? `unknown command "${command}"` : "a command is required"}\n\n${USAGE}\n`,
    );
    return 2;
  }
  return found.run(rest, {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    confirm: terminalConfirm(),
  });
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
