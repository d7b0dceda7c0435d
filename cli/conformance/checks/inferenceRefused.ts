import type { CheckResult } from "../assumptions";
import { describeAnswer, result, type KeyA, type Run } from "./support";

/** auth.inference-refused: key A (an INFERENCE key) on an admin route. */
export async function inferenceRefused(run: Run, a: KeyA): Promise<CheckResult> {
  const refused = await run.probe.provoke({ method: "GET", path: "/api_keys" }, a.secret);
  return refused.status === 401
    ? result("auth.inference-refused", "ok", describeAnswer(refused))
    : result(
        "auth.inference-refused",
        "differs",
        describeAnswer(refused),
        refused.status === 200
          ? "Venice let an INFERENCE key list keys; the provider refuses INFERENCE keys by their prefix before any call"
          : "the provider's hint for an INFERENCE admin key is tied to a 401",
      );
}
