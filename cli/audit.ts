import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { parseDuration } from "../domain";
import { VeniceError } from "../provider/core";
import type { VeniceClient } from "../provider/core";
import { withClient } from "../provider/core";
import { retryNotice } from "./retryNotice";
import { clock } from "../provider/core";
import { isOwnAdminKey } from "../provider/core";
import { configKeysLeftToConfig, resolveSettings, SettingsError } from "../provider/core";
import { findings, type Finding } from "./findings";
import { fromFile, fromStack, stackConfig, StateError } from "./stackState";
import { table } from "./table";

/**
 * `pulumi-venice audit`: the account's live keys against one or more stacks' state, for people (a
 * table) and CI (`--json`). Exit codes: 0 nothing found, 1 findings, 2 usage, credential or API error.
 * It prints metadata only, never a secret.
 */
export const USAGE = `usage: pulumi-venice audit [--stack NAME]... [--state FILE]... [--expiring-within DURATION]
                           [--unused-for DURATION] [--json] [--delete-unmanaged [--yes]]

  --stack NAME             a stack of the Pulumi project in this folder (read with \`pulumi stack export\`); repeatable
  --state FILE             a \`pulumi stack export\` file, a terraform.tfstate file, or \`tofu show -json\`
                           output (keys managed by OpenTofu or Terraform); repeatable
  --expiring-within D      report keys expiring within D (default 14d)
  --unused-for D           report keys not used for D (default 90d)
  --json                   print { "findings": [...] } instead of a table
  --delete-unmanaged       list the keys no given stack holds, and delete them with --yes (or after a prompt
                           on a terminal); the admin key the audit runs with is never deleted

Credentials and base URL as the provider reads them: VENICE_ADMIN_API_KEY / VENICE_BASE_URL, else the first
--stack's venice:adminApiKey / venice:baseUrl. Exit: 0 nothing found, 1 findings, 2 usage or credential error.`;

export interface AuditIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** A yes/no answer from a person, or undefined when nobody is at a terminal. */
  confirm?: (question: string) => Promise<boolean>;
}

class UsageError extends Error {}

function durationOption(name: string, value: string): number {
  const parsed = parseDuration(value);
  if (!parsed.ok) throw new UsageError(`--${name}: ${parsed.reason}`);
  return parsed.ms;
}

function parse(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stack: { type: "string", multiple: true, default: [] },
        state: { type: "string", multiple: true, default: [] },
        "expiring-within": { type: "string", default: "14d" },
        "unused-for": { type: "string", default: "90d" },
        json: { type: "boolean", default: false },
        "delete-unmanaged": { type: "boolean", default: false },
        yes: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.yes && !values["delete-unmanaged"])
    throw new UsageError("--yes only confirms --delete-unmanaged");
  if (values["delete-unmanaged"] && values.stack.length + values.state.length === 0) {
    throw new UsageError(
      "--delete-unmanaged needs --stack or --state: without them every key would count as unmanaged",
    );
  }
  return {
    stacks: values.stack,
    states: values.state,
    expiringWithinMs: durationOption("expiring-within", values["expiring-within"]),
    unusedForMs: durationOption("unused-for", values["unused-for"]),
    json: values.json,
    deleteUnmanaged: values["delete-unmanaged"],
    yes: values.yes,
    help: values.help,
  };
}

export async function audit(argv: string[], io: AuditIo): Promise<number> {
  let options;
  try {
    options = parse(argv);
  } catch (err) {
    io.err(`pulumi-venice audit: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }

  try {
    const settings = resolveSettings(process.env, await firstStackConfig(options.stacks[0]));
    const views = [
      ...(await Promise.all(options.stacks.map(fromStack))),
      ...(await Promise.all(options.states.map(fromFile))),
    ];
    return await withClient(
      settings,
      async (venice) => {
        const keys = await venice.listKeys();
        const found = findings(keys, views, {
          now: clock.now(),
          expiringWithinMs: options.expiringWithinMs,
          unusedForMs: options.unusedForMs,
        });
        // With --json, stdout is the document alone; everything for people goes to stderr.
        const say = options.json ? io.err : io.out;
        if (options.json) io.out(`${JSON.stringify({ findings: found }, null, 2)}\n`);
        else io.out(found.length > 0 ? `${table(found)}\n` : `No findings among ${keys.length} live keys.\n`);

        if (options.deleteUnmanaged) {
          const unmanaged = found.filter((f) => f.kind === "unmanaged");
          const own = unmanaged.filter((f) =>
            isOwnAdminKey(
              keys.find((k) => k.id === f.keyId)!,
              settings.adminKey,
            ),
          );
          for (const f of own) say(`Sparing ${f.keyId}: it is the admin key this audit runs with.\n`);
          const targets = unmanaged.filter((f) => !own.includes(f));
          await deleteKeys(venice, targets, options.yes, io, say);
        }
        return found.length > 0 ? 1 : 0;
      },
      retryNotice(io.err, "audit"),
    );
  } catch (err) {
    if (err instanceof SettingsError || err instanceof StateError || err instanceof VeniceError) {
      io.err(`pulumi-venice audit: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

/**
 * The first --stack's own credentials and base URL, for the settings the environment leaves to config:
 * what the provider would see running that stack.
 */
async function firstStackConfig(
  stack: string | undefined,
): Promise<{ get: (key: string) => string | undefined }> {
  const values: Record<string, string | undefined> = {};
  if (stack) {
    for (const key of configKeysLeftToConfig(process.env, ["adminKey", "baseUrl"])) {
      values[key] = await stackConfig(stack, key);
    }
  }
  return { get: (key) => values[key] };
}

async function deleteKeys(
  venice: VeniceClient,
  targets: Finding[],
  yes: boolean,
  io: AuditIo,
  say: (text: string) => void,
): Promise<void> {
  if (targets.length === 0) {
    say("No unmanaged keys to delete.\n");
    return;
  }
  say(`${yes ? "Deleting" : "Would delete"} ${targets.length} unmanaged key(s):\n`);
  for (const f of targets) say(`  ${f.keyId}  ${f.apiKeyType}  ${f.description}\n`);
  const confirmed =
    yes || (io.confirm ? await io.confirm(`Delete these ${targets.length} key(s)? [y/N] `) : false);
  if (!confirmed) {
    say("Nothing deleted. Re-run with --yes to delete them.\n");
    return;
  }
  for (const f of targets) {
    const outcome = await venice.deleteKey(f.keyId);
    say(outcome === "deleted" ? `Deleted ${f.keyId}.\n` : `${f.keyId} was already gone.\n`);
  }
}

/** Asks on the terminal; undefined when stdin is not one (CI), so nothing is ever deleted by default. */
export function terminalConfirm(): AuditIo["confirm"] {
  if (!process.stdin.isTTY) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question(question)).trim());
    } finally {
      rl.close();
    }
  };
}
