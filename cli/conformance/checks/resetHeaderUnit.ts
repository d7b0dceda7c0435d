import { createAnswer } from "../../../provider/core";
import type { CheckResult } from "../assumptions";
import { checked, describe, describeAnswer, result, type Run } from "./support";

/** resetHeaderUnit (only with --rate-limit): creates keys until Venice answers 429, and reads its header. */
export async function resetHeaderUnit(run: Run): Promise<CheckResult> {
  if (!run.rateLimit) {
    return result(
      "resetHeaderUnit",
      "skipped",
      "not run: needs --rate-limit (it creates keys until Venice answers 429, about 20, all deleted after)",
    );
  }
  const { probe, ledger } = run;
  return checked(
    "resetHeaderUnit",
    async () => {
      for (let i = 0; i < run.rateLimitKeys; i++) {
        const body = {
          apiKeyType: "INFERENCE",
          description: describe(run, `rate-limit ${i}`),
          consumptionLimit: { usd: 0, diem: 0 },
        };
        const answer = await ledger.record(
          () => probe.provoke({ method: "POST", path: "/api_keys", body }),
          (a) => (a.status === 200 ? createAnswer.parse(a.body).data.id : undefined),
        );
        if (answer.status !== 429) {
          if (answer.status !== 200)
            return result(
              "resetHeaderUnit",
              "skipped",
              `not run: a create was answered ${describeAnswer(answer)}`,
            );
          continue;
        }
        const raw = answer.timingHeaders["x-ratelimit-reset-requests"];
        if (raw === undefined) {
          return result(
            "resetHeaderUnit",
            "differs",
            "no x-ratelimit-reset-requests on the 429",
            "the provider then backs off exponentially until a create succeeds",
          );
        }
        const unit = Number(raw) > 1e11 ? "milliseconds" : "seconds";
        return unit === "milliseconds"
          ? result("resetHeaderUnit", "ok", `milliseconds (${raw}, after ${i} creates)`)
          : result(
              "resetHeaderUnit",
              "differs",
              `seconds (${raw}, after ${i} creates)`,
              "the provider reads either unit",
            );
      }
      return result(
        "resetHeaderUnit",
        "differs",
        `no 429 after ${run.rateLimitKeys} creates`,
        "the provider still paces creations to 20 a minute",
      );
    },
    { verdict: "differs", why: "the provider backs off exponentially" },
  );
}
