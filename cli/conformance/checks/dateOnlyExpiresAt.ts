import { parseExpiry } from "../../../domain";
import type { CheckResult } from "../assumptions";
import { checked, DAY, getKey, result, type KeyA, type Run } from "./support";

/** dateOnlyExpiresAt: a date-only expiresAt means 00:00 UTC of that day (read back). */
export function dateOnlyExpiresAt(run: Run, a: KeyA): Promise<CheckResult> {
  return checked(
    "dateOnlyExpiresAt",
    async () => {
      const day = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
      await run.probe.ok({ method: "PATCH", path: "/api_keys", body: { id: a.id, expiresAt: day } });
      const stored = (await getKey(run, a.id)).expiresAt ?? "";
      const read = parseExpiry(stored);
      const iso = read.ok ? read.iso : stored;
      if (iso === `${day}T00:00:00.000Z`) return result("dateOnlyExpiresAt", "ok", `start-of-day (${iso})`);
      const endOfDay = iso.startsWith(`${day}T23:59:59`);
      return result(
        "dateOnlyExpiresAt",
        "differs",
        `${endOfDay ? "end-of-day" : "other"} (${stored || "no expiry"})`,
        "the provider never sends a date-only value: it sends the instant (00:00 UTC), so it is unaffected",
      );
    },
    { verdict: "differs", why: "the provider is unaffected: it never sends a date-only value" },
  );
}
