import type { CheckResult } from "../assumptions";
import { checked, describe, describeAnswer, HOUR, result, type Run } from "./support";

/** pastExpiresAt: key C given an expiry an hour ago (on Venice's clock). */
export function pastExpiresAt(run: Run): Promise<CheckResult> {
  const { probe, ledger } = run;
  return checked(
    "pastExpiresAt",
    async () => {
      const key = await ledger.create({
        apiKeyType: "INFERENCE",
        description: describe(run, "C"),
        consumptionLimit: { usd: 0, diem: 0 },
      });
      const venice = probe.pipeline.serverTime(Date.now()) ?? Date.now();
      const past = new Date(Math.floor((venice - HOUR) / 1000) * 1000).toISOString();
      const answer = await probe.provoke({
        method: "PATCH",
        path: "/api_keys",
        body: { id: key.id, expiresAt: past },
      });
      return answer.status === 400
        ? result("pastExpiresAt", "ok", `reject (${describeAnswer(answer)})`)
        : result(
            "pastExpiresAt",
            "differs",
            `accept (${describeAnswer(answer)})`,
            "the provider refuses a past expiresAt at preview itself, so it never sends one",
          );
    },
    { verdict: "differs", why: "the provider refuses a past expiresAt at preview itself" },
  );
}
