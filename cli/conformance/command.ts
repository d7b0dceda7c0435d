import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { VeniceError, VeniceRetriesExhaustedError, VeniceTransportError } from "../../provider/core";
import { withClient } from "../../provider/core";
import { resolveSettings, SettingsError } from "../../provider/core";
import type { AuditIo } from "../audit";
import { retryNotice } from "../retryNotice";
import { textTable } from "../table";
import type { CheckResult } from "./assumptions";
import { CredentialError, runChecks } from "./checks";
import { Ledger } from "./ledger";
import { Probe } from "./probe";

/**
 * `pulumi-venice conformance`: checks the Venice API behind the provider's settings against every
 * assumption the provider makes, and says for each what it saw. Safe on a real account: it creates at
 * most 3 INFERENCE keys (capped at 0, so they can spend nothing), touches no other key, and deletes its
 * own before it exits. Exit codes: 0 nothing breaks, 1 something does, 2 usage, credential or network,
 * 3 a key of its own is left that no route could delete.
 */
export const CONFORMANCE_USAGE = `usage: pulumi-venice conformance [--base-url URL] [--json] [--yes] [--rate-limit]

  --base-url URL   the API to check (default: VENICE_BASE_URL, else Venice's own, ${"https://api.venice.ai/api/v1"})
  --json           print { "baseUrl", "checks": [...], "keysCreated", "keysLeft" } on stdout alone
  --yes            create the kit's keys without asking (needed when no terminal is there to ask)
  --rate-limit     also check the creation 429's reset header: creates keys until Venice refuses one
                   (about 20; all deleted after), which spends the account's creation cap for a minute

The admin key comes from VENICE_ADMIN_API_KEY (else VENICE_API_KEY), as the provider reads it. It creates
at most 3 INFERENCE keys described "pulumi-venice conformance <run id> ...", each with consumptionLimit
{ usd: 0, diem: 0 }, and deletes them before it exits (also on Ctrl-C). Verdicts: ok, differs (the
provider copes), breaks (the provider would misbehave), skipped. Exit: 0 nothing breaks, 1 something
breaks, 2 usage, credential or network error, 3 a key of the kit's own could not be deleted by any route
(the summary names each, with the request that deletes it).`;

/** Keys the checks create (A, B, C); --rate-limit adds up to this many more. */
const KEYS = 3;
const RATE_LIMIT_KEYS = 25;

class UsageError extends Error {}

function parse(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        "base-url": { type: "string" },
        json: { type: "boolean", default: false },
        yes: { type: "boolean", default: false },
        "rate-limit": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    return values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export interface ConformanceReport {
  baseUrl: string;
  checks: CheckResult[];
  keysCreated: number;
  keysLeft: number;
  /** Present only when no route could delete them: the ids of the kit's keys still in the account. */
  leftIds?: string[];
  /** Likewise: each id left and the exact request that deletes it. */
  left?: Array<{ id: string; request: string }>;
}

export async function conformance(argv: string[], io: AuditIo): Promise<number> {
  let options;
  try {
    options = parse(argv);
  } catch (err) {
    io.err(`pulumi-venice conformance: ${(err as Error).message}\n\n${CONFORMANCE_USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.out(`${CONFORMANCE_USAGE}\n`);
    return 0;
  }
  const fail = (message: string) => (io.err(`pulumi-venice conformance: ${message}\n`), 2);

  let settings;
  try {
    const env = options["base-url"] ? { ...process.env, VENICE_BASE_URL: options["base-url"] } : process.env;
    settings = resolveSettings(env);
  } catch (err) {
    if (err instanceof SettingsError) return fail(err.message);
    throw err;
  }

  const limit = KEYS + (options["rate-limit"] ? RATE_LIMIT_KEYS : 0);
  if (!options.yes) {
    const question =
      `This creates up to ${limit} INFERENCE keys (capped at 0) in the account behind ${settings.baseUrl}, ` +
      "and deletes them before it exits. Go on? [y/N] ";
    if (!io.confirm) {
      return fail(
        `it creates up to ${limit} keys in the account behind ${settings.baseUrl}, so it asks first, and no ` +
          "terminal is there to ask. Run it with --yes to go ahead.",
      );
    }
    if (!(await io.confirm(question))) {
      io.err("Nothing done.\n");
      return 0;
    }
  }

  const runId = randomBytes(4).toString("hex");
  return withClient(
    settings,
    async (venice) => {
      const ledger = new Ledger(venice, limit);
      const probe = new Probe(venice);
      const report = (checks: CheckResult[]): ConformanceReport => ({
        baseUrl: settings.baseUrl,
        checks,
        keysCreated: ledger.created,
        keysLeft: ledger.left.length,
        ...(ledger.left.length > 0 ? { leftIds: [...ledger.left], left: ledger.leftRequests } : {}),
      });
      const stopped = stopSignals(async (signal) => {
        await ledger.cleanUp(probe);
        io.err(`pulumi-venice conformance: stopped by ${signal}; ${keysSentence(report([]))}\n`);
      });
      let checks: CheckResult[];
      try {
        checks = await runChecks({
          probe,
          ledger,
          runId,
          rateLimit: options["rate-limit"],
          rateLimitKeys: RATE_LIMIT_KEYS,
        });
      } catch (err) {
        await ledger.cleanUp(probe);
        stopped.dispose();
        const left = ` (${keysSentence(report([]))})`;
        if (err instanceof CredentialError) return fail(err.message + left);
        if (
          err instanceof VeniceTransportError ||
          (err instanceof VeniceRetriesExhaustedError && err.last instanceof VeniceTransportError)
        ) {
          return fail(
            `cannot reach Venice at ${settings.baseUrl}: ${err.message}. Check --base-url or VENICE_BASE_URL, ` +
              `the network and any proxy${left}`,
          );
        }
        if (err instanceof VeniceError) return fail(err.message + left);
        throw err;
      }
      await ledger.cleanUp(probe);
      stopped.dispose();
      const done = report(checks);
      if (options.json) io.out(`${JSON.stringify(done, null, 2)}\n`);
      else io.out(`${render(done, runId, probe.provoked)}\n`);
      if (ledger.left.length > 0) return 3; // the kit could not remove keys of its own: say so loudly
      return checks.some((c) => c.verdict === "breaks") ? 1 : 0;
    },
    retryNotice(io.err, "conformance"),
  );
}

function keysSentence(r: ConformanceReport): string {
  const left =
    r.keysLeft === 0
      ? "none left"
      : `${r.keysLeft} left that no route could delete; delete each by hand: ${r.left!.map((l) => `\`${l.request}\``).join(", ")}`;
  return `${r.keysCreated} key(s) created, ${left}`;
}

function render(r: ConformanceReport, runId: string, provoked: number): string {
  const rows = r.checks.map((c) => [c.id, c.verdict, c.observed, c.assumed]);
  const notes = r.checks.filter((c) => c.detail).map((c) => `  ${c.id}: ${c.detail}`);
  const count = (v: string) => r.checks.filter((c) => c.verdict === v).length;
  return [
    `Venice API at ${r.baseUrl} (run ${runId})`,
    textTable(["CHECK", "VERDICT", "OBSERVED", "ASSUMED"], rows),
    ...(notes.length > 0 ? ["", "What it means for the provider:", ...notes] : []),
    "",
    `${count("ok")} ok, ${count("differs")} differ, ${count("breaks")} break, ${count("skipped")} skipped; ` +
      `${keysSentence(r)}; ${provoked} error answers provoked on purpose.`,
  ].join("\n");
}

/**
 * SIGINT and SIGTERM clean up before the process ends (exit 130 and 143, as a shell reports them).
 * `dispose` removes the handlers once the run is over.
 */
function stopSignals(onStop: (signal: NodeJS.Signals) => Promise<void>): { dispose(): void } {
  const handler = (signal: NodeJS.Signals) => {
    void onStop(signal).finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  return {
    dispose: () => {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}
