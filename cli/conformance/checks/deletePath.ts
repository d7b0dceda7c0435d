import { listAnswer } from "../../../provider/core";
import type { CheckResult } from "../assumptions";
import { checked, describe, describeAnswer, result, type Run } from "./support";

/**
 * list.complete and delete.path, on key B: the listing holds every key the kit made (the audit and
 * refresh depend on it), then DELETE /api_keys/{id} deletes it (read back).
 */
export async function listCompleteAndDeletePath(run: Run): Promise<CheckResult[]> {
  const { probe, ledger } = run;
  const results: CheckResult[] = [];
  const deletePath = await checked(
    "delete.path",
    async () => {
      const key = await ledger.create({
        apiKeyType: "INFERENCE",
        description: describe(run, "B"),
        consumptionLimit: { usd: 0, diem: 0 },
      });
      const listing = listAnswer.safeParse(await probe.ok({ method: "GET", path: "/api_keys" }));
      const ours = ledger.live();
      const missing = listing.success
        ? ours.filter((id) => !listing.data.data.some((k) => k.id === id))
        : ours;
      results.push(
        !listing.success
          ? result("list.complete", "skipped", "not run: the listing does not parse (see list.fields)")
          : missing.length === 0
            ? result("list.complete", "ok", `all ${ours.length} of the kit's live keys are listed`)
            : result(
                "list.complete",
                "breaks",
                `${missing.length} of the kit's ${ours.length} live keys are not in the listing (${missing.join(", ")})`,
                "refresh reads keys the listing lacks by id, but the audit would not see them and the lost-create repair could not find them",
              ),
      );
      const answer = await probe.provoke({ method: "DELETE", path: `/api_keys/${key.id}` });
      const after = await probe.provoke({ method: "GET", path: `/api_keys/${key.id}` });
      if (answer.status === 200 && after.status !== 200) {
        ledger.markDeleted(key.id);
        return result("delete.path", "ok", "200; the key is gone (read back)");
      }
      if (after.status !== 200) ledger.markDeleted(key.id);
      return result(
        "delete.path",
        "differs",
        `${describeAnswer(answer)}; the key is ${after.status === 200 ? "still there" : "gone"}`,
        "the provider deletes by query (DELETE /api_keys?id=), so it is unaffected",
      );
    },
    { verdict: "differs", why: "the provider deletes by query, so it is unaffected" },
  );
  if (results.length === 0)
    results.push(result("list.complete", "skipped", "not run: key B could not be made"));
  return [...results, deletePath];
}
