import type { ApiKeyInputs } from "../../../domain";
import { createRequest, VeniceResponseError, VeniceUnreadableCreateError } from "../../../provider/core";
import type { CheckResult } from "../assumptions";
import { DAY, describe, instantIn, result, type KeyA, type Run } from "./support";

/** create.answer: key A, declared as a user would, every field away from its default. */
export async function createAnswer(run: Run): Promise<{ check: CheckResult; key?: KeyA }> {
  const declared: ApiKeyInputs = {
    description: describe(run, "A"),
    apiKeyType: "INFERENCE",
    expiresAt: instantIn(DAY),
    consumptionLimit: { usd: 0, diem: 0 },
    limitPeriod: "MONTH",
    modelPrivacy: "PRIVATE_TEXT",
  };
  try {
    const created = await run.ledger.create(createRequest(declared));
    const echoed = created.apiKeyType === declared.apiKeyType && created.description === declared.description;
    const key = { id: created.id, secret: created.apiKey, declared };
    return {
      key,
      check: echoed
        ? result(
            "create.answer",
            "ok",
            "200; parses; the secret is in apiKey (not shown); type and description echoed",
          )
        : result(
            "create.answer",
            "differs",
            `200; parses; echoed type ${created.apiKeyType}, description "${created.description}"`,
            "the provider keeps the declared values and reads Venice's on the next refresh",
          ),
    };
  } catch (err) {
    const why =
      err instanceof VeniceUnreadableCreateError || err instanceof VeniceResponseError
        ? "`pulumi up` and `tofu apply` would fail after Venice made each key (the provider deletes it again)"
        : "`pulumi up` would fail to create keys";
    return {
      check: result("create.answer", "breaks", err instanceof Error ? err.message : String(err), why),
    };
  }
}
