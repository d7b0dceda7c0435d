import { INFO_FIELDS } from "../../../domain";
import { listAnswer, type VeniceKey } from "../../../provider/core";
import type { CheckResult } from "../assumptions";
import { drift, holdsSecret, result, type KeyA, type Run } from "./support";

/** What GET by id and the listing must agree on: a lookup's fields but the id and the last use. */
const COMPARED = INFO_FIELDS.filter(
  (f): f is Exclude<(typeof INFO_FIELDS)[number], "id" | "lastUsedAt"> => f !== "id" && f !== "lastUsedAt",
);

/** list.fields: the listing shows key A as GET by id does, field for field, and no secret. */
export async function listFields(run: Run, a: KeyA, byId: VeniceKey | undefined): Promise<CheckResult> {
  const raw = await run.probe.ok({ method: "GET", path: "/api_keys" });
  const listing = listAnswer.safeParse(raw);
  if (!listing.success) {
    return result(
      "list.fields",
      "breaks",
      `does not parse: ${listing.error.issues[0]?.message}`,
      "refresh falls back to reads by id, but the lost-create repair cannot list keys",
    );
  }
  const inList = listing.data.data.find((k) => k.id === a.id);
  if (!inList) {
    return result(
      "list.fields",
      "breaks",
      "the key is not in the listing",
      "the lost-create repair could not find a key whose answer was lost (an orphan)",
    );
  }
  const differ = byId
    ? COMPARED.filter((f) => JSON.stringify(inList[f] ?? null) !== JSON.stringify(byId[f] ?? null))
    : [];
  const problems = [
    ...differ.map((f) => `${f} differs from GET by id`),
    ...drift(inList, a.declared).map((f) => `${f} differs from the declaration`),
  ];
  if (!inList.createdAt) problems.push("no createdAt");
  if (problems.length > 0) {
    return result(
      "list.fields",
      "breaks",
      problems.join("; "),
      "refresh reads from the listing: it would report drift; without createdAt the lost-create repair leaves keys behind",
    );
  }
  return holdsSecret(raw, a.secret)
    ? result(
        "list.fields",
        "differs",
        "as GET by id, but the listing holds a secret",
        "the provider ignores it and never prints answers",
      )
    : result("list.fields", "ok", "the same as GET by id, field for field; createdAt present; no secret");
}
