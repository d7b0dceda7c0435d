import { getAnswer, type VeniceKey } from "../../../provider/core";
import type { CheckResult } from "../assumptions";
import { drift, holdsSecret, result, type KeyA, type Run } from "./support";

/** get.fields: GET by id shows what was declared, createdAt and last6Chars, and no secret. */
export async function getFields(run: Run, a: KeyA): Promise<{ check: CheckResult; read?: VeniceKey }> {
  const raw = await run.probe.ok({ method: "GET", path: `/api_keys/${a.id}` });
  const parsed = getAnswer.safeParse(raw);
  if (!parsed.success) {
    return {
      check: result(
        "get.fields",
        "breaks",
        `does not parse: ${parsed.error.issues[0]?.message}`,
        "refresh would fail",
      ),
    };
  }
  const key = parsed.data.data;
  const problems = drift(key, a.declared).map((f) => `${f} differs`);
  if (!key.createdAt) problems.push("no createdAt");
  if (key.last6Chars !== a.secret.slice(-6)) problems.push("last6Chars is not the secret's last six");
  const check =
    problems.length > 0
      ? result(
          "get.fields",
          "breaks",
          problems.join("; "),
          "refresh would report drift on every run (or adoption and the self-lockout guard could not recognise the key)",
        )
      : holdsSecret(raw, a.secret)
        ? result(
            "get.fields",
            "differs",
            "as declared, but the answer holds a secret",
            "the provider ignores it and never prints answers",
          )
        : result("get.fields", "ok", "as declared; createdAt and last6Chars present; no secret");
  return { check, read: key };
}
