import type { CheckResult } from "../assumptions";
import type { Answer } from "../probe";
import { checked, describeAnswer, result, type KeyA, type Run } from "./support";

/** delete.query: DELETE /api_keys?id= deletes key A at once (read back); what Venice then says of it. */
export async function deleteQuery(run: Run, a: KeyA): Promise<{ check: CheckResult; gone?: Answer }> {
  let gone: Answer | undefined;
  const check = await checked(
    "delete.query",
    async () => {
      await run.probe.ok({ method: "DELETE", path: "/api_keys", query: { id: a.id } });
      const after = await run.probe.provoke({ method: "GET", path: `/api_keys/${a.id}` });
      if (after.status !== 200) run.ledger.markDeleted(a.id);
      gone = after;
      return after.status === 200
        ? result(
            "delete.query",
            "breaks",
            "200, but the key is still readable",
            "destroy would leave keys alive",
          )
        : result("delete.query", "ok", `200; the key is gone (${describeAnswer(after)})`);
    },
    { verdict: "breaks", why: "`pulumi destroy` could not delete keys" },
  );
  return { check, gone };
}
