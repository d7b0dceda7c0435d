import type { CheckResult } from "../assumptions";
import type { Answer } from "../probe";
import { deleteAbsent, notFoundStatus, updateAbsent } from "./absentKey";
import type { KeyA, Run } from "./support";

/** notFoundStatus, delete.absent and update.absent, once key A is deleted. */
export async function absentChecks(run: Run, a: KeyA, gone: Answer): Promise<CheckResult[]> {
  return [await notFoundStatus(run, gone), await deleteAbsent(run, a), await updateAbsent(run, a)];
}
