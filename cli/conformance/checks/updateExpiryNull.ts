import type { CheckResult } from "../assumptions";
import { checked, getKey, result, type KeyA, type Run } from "./support";

/** update.expiry-null: PATCH with expiresAt: null removes the expiry (read back). */
export function updateExpiryNull(run: Run, a: KeyA): Promise<CheckResult> {
  return checked(
    "update.expiry-null",
    async () => {
      await run.probe.ok({ method: "PATCH", path: "/api_keys", body: { id: a.id, expiresAt: null } });
      const after = await getKey(run, a.id);
      return after.expiresAt
        ? result(
            "update.expiry-null",
            "breaks",
            `expiresAt is still ${after.expiresAt}`,
            "removing expiresAt would show as drift forever",
          )
        : result("update.expiry-null", "ok", "expiresAt is null (read back)");
    },
    { verdict: "breaks", why: "removing expiresAt would fail" },
  );
}
