import type { ApiKeyInputs } from "../../../domain";
import { updateAnswer } from "../../../provider/core";
import type { CheckResult } from "../assumptions";
import {
  DAY,
  drift,
  errorText,
  getKey,
  holdsSecret,
  instantIn,
  result,
  type KeyA,
  type Run,
} from "./support";

/** update.fields: every Venice field to another value, limits sent as the provider sends them; read back. */
export async function updateFields(run: Run, a: KeyA): Promise<CheckResult> {
  const target: ApiKeyInputs = {
    ...a.declared,
    description: `${a.declared.description}*`,
    expiresAt: instantIn(2 * DAY),
    limitPeriod: "LIFETIME",
    modelPrivacy: "PRIVATE_ONLY",
  };
  try {
    const answer = await run.probe.ok({
      method: "PATCH",
      path: "/api_keys",
      body: {
        id: a.id,
        description: target.description,
        expiresAt: target.expiresAt,
        consumptionLimit: { usd: 0, diem: 0 }, // every currency, as the provider sends them; 0 spends nothing
        limitPeriod: target.limitPeriod,
        modelPrivacy: target.modelPrivacy,
      },
    });
    const answered = updateAnswer.safeParse(answer);
    const after = await getKey(run, a.id);
    const problems = drift(after, target).map((f) => `${f} not as sent (read back)`);
    if (!answered.success) problems.push("the PATCH answer does not parse");
    if (problems.length > 0) {
      return result(
        "update.fields",
        "breaks",
        problems.join("; "),
        "`pulumi up` would not heal drift, and report it again",
      );
    }
    return holdsSecret(answer, a.secret)
      ? result(
          "update.fields",
          "differs",
          "every field as sent, but the answer holds a secret",
          "the provider ignores it",
        )
      : result("update.fields", "ok", "every field as sent (read back); the answer parses");
  } catch (err) {
    return result("update.fields", "breaks", errorText(err), "`pulumi up` could not update keys in place");
  }
}
