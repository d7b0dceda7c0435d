import type { CheckResult } from "../assumptions";
import { checked, getKey, result, type KeyA, type Run } from "./support";

/**
 * partialLimitUpdate: only usd sent; diem stays 0 (merge) or becomes no cap (replace). Restored at once
 * and read back: the kit's keys must spend nothing.
 */
export function partialLimitUpdate(run: Run, a: KeyA): Promise<CheckResult> {
  return checked(
    "partialLimitUpdate",
    async () => {
      await run.probe.ok({
        method: "PATCH",
        path: "/api_keys",
        body: { id: a.id, consumptionLimit: { usd: 0 } },
      });
      const diem = (await getKey(run, a.id)).consumptionLimits?.diem ?? null;
      await run.probe.ok({
        method: "PATCH",
        path: "/api_keys",
        body: { id: a.id, consumptionLimit: { usd: 0, diem: 0 } },
      });
      const restored = (await getKey(run, a.id)).consumptionLimits;
      if (restored?.usd !== 0 || restored?.diem !== 0) {
        return result(
          "partialLimitUpdate",
          "breaks",
          "the caps did not come back to { usd: 0, diem: 0 } (read back)",
          "`pulumi up` could not set spend caps",
        );
      }
      return diem === 0
        ? result("partialLimitUpdate", "ok", "merge (diem kept at 0)")
        : result(
            "partialLimitUpdate",
            "differs",
            `replace (diem became ${diem === null ? "no cap" : diem})`,
            "the provider always sends every currency it manages, so it is unaffected",
          );
    },
    { verdict: "differs", why: "the provider always sends every currency" },
  );
}
