import { randomUUID } from "node:crypto";
import { isNotFound, VeniceApiError } from "../../../provider/core";
import type { CheckResult } from "../assumptions";
import type { Answer } from "../probe";
import { describeAnswer, result, type KeyA, type Run } from "./support";

const notFound = (a: Answer) =>
  isNotFound(new VeniceApiError(a.status, a.message ?? "", "GET", "/api_keys/{id}"));

/** notFoundStatus: an unknown id and the deleted key A, on GET by id. */
export async function notFoundStatus(run: Run, gone: Answer): Promise<CheckResult> {
  const unknown = await run.probe.provoke({ method: "GET", path: `/api_keys/${randomUUID()}` });
  const observed = `${unknown.status}: unknown id ${describeAnswer(unknown)}; deleted id ${describeAnswer(gone)}`;
  if (unknown.status === 400 && notFound(unknown) && notFound(gone))
    return result("notFoundStatus", "ok", observed);
  return notFound(unknown) && notFound(gone)
    ? result("notFoundStatus", "differs", observed, "the provider reads a 404 as not found too")
    : result(
        "notFoundStatus",
        "breaks",
        observed,
        "refresh would fail on a key deleted or expired out of band instead of dropping it",
      );
}

/** delete.absent: DELETE of the deleted key A. */
export async function deleteAbsent(run: Run, a: KeyA): Promise<CheckResult> {
  const again = await run.probe.provoke({ method: "DELETE", path: "/api_keys", query: { id: a.id } });
  return again.status === 200 || notFound(again)
    ? result(
        "delete.absent",
        "ok",
        describeAnswer(again),
        again.status === 200 ? "Venice deletes idempotently" : "",
      )
    : result(
        "delete.absent",
        "breaks",
        describeAnswer(again),
        "a delete retried after a lost answer would fail",
      );
}

/** update.absent: PATCH of the deleted key A. */
export async function updateAbsent(run: Run, a: KeyA): Promise<CheckResult> {
  const patched = await run.probe.provoke({
    method: "PATCH",
    path: "/api_keys",
    body: { id: a.id, description: "gone" },
  });
  return notFound(patched)
    ? result("update.absent", "ok", describeAnswer(patched))
    : result(
        "update.absent",
        "differs",
        describeAnswer(patched),
        'the provider then shows Venice\'s answer instead of "run pulumi refresh, then pulumi up"',
      );
}
