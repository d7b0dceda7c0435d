import { EXPIRY_SKEW_MS, listAnswer, VeniceAuthError } from "../../../provider/core";
import type { CheckResult } from "../assumptions";
import { CredentialError, result, type Run } from "./support";

/** auth.admin: one listing with the admin key (a refused key ends the run: nothing else can be checked). */
export async function authAdmin(run: Run): Promise<CheckResult> {
  let listed: unknown;
  try {
    listed = await run.probe.ok({ method: "GET", path: "/api_keys" });
  } catch (err) {
    if (err instanceof VeniceAuthError) {
      throw new CredentialError(
        `${err.message}. Set VENICE_ADMIN_API_KEY (or VENICE_API_KEY) to an ADMIN key of this account`,
      );
    }
    throw err;
  }
  const before = listAnswer.safeParse(listed);
  return result(
    "auth.admin",
    "ok",
    `200; ${before.success ? before.data.data.length : "?"} active keys listed`,
  );
}

/** date-header: learned from the answers so far. */
export function dateHeader(run: Run): CheckResult {
  const offset = run.probe.pipeline.clockOffsetMs;
  if (offset === undefined) {
    return result(
      "date-header",
      "differs",
      "no Date header",
      "the lost-create repair then places keys in time by our clock, less its 2 s margin; a skewed clock could miss a lost key",
    );
  }
  const skew = `Venice's clock is ${Math.abs(Math.round(offset / 1000))} s ${offset >= 0 ? "ahead of" : "behind"} ours`;
  return Math.abs(offset) <= EXPIRY_SKEW_MS
    ? result("date-header", "ok", `present; ${skew}`)
    : result(
        "date-header",
        "differs",
        `present; ${skew}`,
        "the lost-create repair follows Venice's clock; expiries planned from createdAt may show as drift until issuedAt is recorded",
      );
}
