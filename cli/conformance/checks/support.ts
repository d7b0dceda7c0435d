import { type ApiKeyInputs } from "../../../domain";
import {
  changedFields,
  getAnswer,
  inputsFromVenice,
  VeniceApiError,
  VeniceAuthError,
  VeniceResponseError,
  VeniceRetriesExhaustedError,
  VeniceUnreadableCreateError,
  type VeniceKey,
} from "../../../provider/core";
import { assumptionOf, type CheckId, type CheckResult, type Verdict } from "../assumptions";
import type { Ledger } from "../ledger";
import type { Answer, Probe } from "../probe";

/** What every check is given: the probe, the ledger of the kit's own keys, and the run's options. */
export interface Run {
  probe: Probe;
  ledger: Ledger;
  /** Printed in every key's description, so a person can tell the kit's keys from theirs. */
  runId: string;
  rateLimit: boolean;
  /** Keys the --rate-limit check may create before it gives up on seeing a 429. */
  rateLimitKeys: number;
}

/** Thrown when the admin key is refused: nothing else can be checked. Exit 2, with the fix. */
export class CredentialError extends Error {}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const result = (id: CheckId, verdict: Verdict, observed: string, detail = ""): CheckResult => ({
  id,
  verdict,
  assumed: assumptionOf(id),
  observed,
  detail,
});

export const skipped = (id: CheckId, because: string) => result(id, "skipped", `not run: ${because}`);

export const describeAnswer = (a: Answer) => (a.status === 200 ? "200" : `${a.status} "${a.message ?? ""}"`);

/** The canonical instant `ms` from now, to the whole second, as a user's declared expiry would be. */
export const instantIn = (ms: number) => new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString();

/** The fields a refresh would report as drift for `key` against the declaration. */
export function drift(key: VeniceKey, declared: ApiKeyInputs): string[] {
  return changedFields(inputsFromVenice(key), declared, new Date());
}

/** Whether an answer holds a secret: the one the kit knows, or anything shaped like a Venice key. */
export function holdsSecret(answer: unknown, secret?: string): boolean {
  const text = JSON.stringify(answer ?? null);
  return (
    (secret !== undefined && text.includes(secret)) ||
    /VENICE_(INFERENCE|ADMIN)_KEY_[A-Za-z0-9_-]{8,}/.test(text)
  );
}

/** The description of one of the run's keys. */
export const describe = (run: Run, name: string) => `pulumi-venice conformance ${run.runId} ${name}`;

export const getKey = async (run: Run, id: string): Promise<VeniceKey> =>
  getAnswer.parse(await run.probe.ok({ method: "GET", path: `/api_keys/${id}` })).data;

/** Key A: made by create.answer, read, updated and deleted by the checks after it. */
export interface KeyA {
  id: string;
  secret: string;
  declared: ApiKeyInputs;
}

/** Venice answered (refused, or kept failing until the budget ran out), as opposed to not answering. */
function isAnswer(err: unknown): boolean {
  if (err instanceof VeniceAuthError) return false;
  if (err instanceof VeniceRetriesExhaustedError) return isAnswer(err.last);
  return (
    err instanceof VeniceApiError ||
    err instanceof VeniceResponseError ||
    err instanceof VeniceUnreadableCreateError
  );
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs a check whose requests are expected to succeed. Venice refusing one of them is the check's
 * outcome, `refused` (`breaks` where the provider relies on the request, `differs` where it does not);
 * a refused credential or no answer at all ends the run.
 */
export async function checked(
  id: CheckId,
  check: () => Promise<CheckResult>,
  refused: { verdict: Verdict; why: string },
): Promise<CheckResult> {
  try {
    return await check();
  } catch (err) {
    if (!isAnswer(err)) throw err;
    return result(id, refused.verdict, errorText(err), refused.why);
  }
}
