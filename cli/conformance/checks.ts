import type { CheckId, CheckResult } from "./assumptions";
import { absentChecks } from "./checks/keyAGone";
import { authAdmin, dateHeader } from "./checks/auth";
import { createAnswer } from "./checks/createAnswer";
import { dateOnlyExpiresAt } from "./checks/dateOnlyExpiresAt";
import { deleteQuery } from "./checks/deleteQuery";
import { listCompleteAndDeletePath } from "./checks/deletePath";
import { getFields } from "./checks/getFields";
import { inferenceRefused } from "./checks/inferenceRefused";
import { listFields } from "./checks/listFields";
import { partialLimitUpdate } from "./checks/partialLimitUpdate";
import { pastExpiresAt } from "./checks/pastExpiresAt";
import { resetHeaderUnit } from "./checks/resetHeaderUnit";
import { skipped, type Run } from "./checks/support";
import { updateExpiryNull } from "./checks/updateExpiryNull";
import { updateFields } from "./checks/updateFields";

export { CredentialError, type Run } from "./checks/support";

/**
 * The checks, in the order they run (one file each in checks/). They share the keys the kit creates: A
 * for reads, updates and deletes by query, B for the listing's completeness and delete by path, C for a
 * past expiry (which could leave it expired), and with --rate-limit the keys it takes to reach Venice's
 * creation cap. A check that cannot run because an earlier one failed is `skipped`, naming that one.
 */
const OF_KEY_A: CheckId[] = [
  "get.fields",
  "list.fields",
  "auth.inference-refused",
  "update.fields",
  "update.expiry-null",
  "dateOnlyExpiresAt",
  "partialLimitUpdate",
  "delete.query",
  "notFoundStatus",
  "delete.absent",
  "update.absent",
];

export async function runChecks(run: Run): Promise<CheckResult[]> {
  const results: CheckResult[] = [await authAdmin(run)];
  results.push(dateHeader(run));
  const created = await createAnswer(run);
  results.push(created.check);
  const a = created.key;
  if (!a) {
    results.push(...OF_KEY_A.map((id) => skipped(id, "create.answer failed")));
  } else {
    const got = await getFields(run, a);
    results.push(got.check, await listFields(run, a, got.read), await inferenceRefused(run, a));
    results.push(await updateFields(run, a), await updateExpiryNull(run, a));
    results.push(await dateOnlyExpiresAt(run, a), await partialLimitUpdate(run, a));
    const deleted = await deleteQuery(run, a);
    results.push(deleted.check);
    if (deleted.gone === undefined || deleted.gone.status === 200) {
      results.push(
        ...(["notFoundStatus", "delete.absent", "update.absent"] as const).map((id) =>
          skipped(id, "delete.query failed"),
        ),
      );
    } else {
      results.push(...(await absentChecks(run, a, deleted.gone)));
    }
  }
  results.push(...(await listCompleteAndDeletePath(run)));
  results.push(await pastExpiresAt(run), await resetHeaderUnit(run));
  return results;
}
