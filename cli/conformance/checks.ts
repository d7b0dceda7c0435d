import { randomUUID } from "node:crypto";
import { parseExpiry, type ApiKeyInputs } from "../../domain";
import {
  VeniceApiError,
  VeniceAuthError,
  VeniceResponseError,
  VeniceRetriesExhaustedError,
} from "../../provider/core";
import { createAnswer, getAnswer, listAnswer, updateAnswer, type VeniceKey } from "../../provider/core";
import { isNotFound } from "../../provider/core";
import { changedFields } from "../../provider/core";
import { createRequest } from "../../provider/core";
import { EXPIRY_SKEW_MS } from "../../provider/core";
import { inputsFromVenice } from "../../provider/core";
import { assumptionOf, type CheckId, type CheckResult, type Verdict } from "./assumptions";
import type { Ledger } from "./ledger";
import type { Answer, Probe } from "./probe";

/**
 * The checks, in the order they run: they share three keys the kit creates (A for reads and updates,
 * B for delete by path, C for a past expiry, which could leave it expired) and, with `rateLimit`, the
 * keys it takes to reach Venice's creation cap. Each check reports what it saw; a check that cannot run
 * because an earlier one failed is `skipped`, naming that one.
 */
export interface Run {
  probe: Probe;
  ledger: Ledger;
  /** Printed in every key's description, so a person can tell the kit's keys from theirs. */
  runId: string;
  rateLimit: boolean;
  /** Keys the --rate-limit check may create before it gives up on seeing a 429. */
  rateLimitKeys: number;
}

/** Thrown when the admin key is refused: nothing else can be checked. Exit 2, with the fix. */
export class CredentialError extends Error {}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const result = (id: CheckId, verdict: Verdict, observed: string, detail = ""): CheckResult => ({
  id,
  verdict,
  assumed: assumptionOf(id),
  observed,
  detail,
});

const skipped = (id: CheckId, because: string) => result(id, "skipped", `not run: ${because}`);

const describeAnswer = (a: Answer) => (a.status === 200 ? "200" : `${a.status} "${a.message ?? ""}"`);

/** The canonical instant `ms` from now, to the whole second, as a user's declared expiry would be. */
const instantIn = (ms: number) => new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString();

/** The fields a refresh would report as drift for `key` against the declaration. */
function drift(key: VeniceKey, declared: ApiKeyInputs): string[] {
  return changedFields(inputsFromVenice(key), declared, new Date());
}

export async function runChecks(run: Run): Promise<CheckResult[]> {
  const { probe, ledger } = run;
  const results: CheckResult[] = [];
  const add = (r: CheckResult) => (results.push(r), r);
  const description = (name: string) => `pulumi-venice conformance ${run.runId} ${name}`;
  const get = async (id: string) =>
    getAnswer.parse(await probe.ok({ method: "GET", path: `/api_keys/${id}` })).data;

  // auth.admin, date-header: one listing with the admin key.
  let listed: unknown;
  try {
    listed = await probe.ok({ method: "GET", path: "/api_keys" });
  } catch (err) {
    if (err instanceof VeniceAuthError) {
      throw new CredentialError(
        `${err.message}. Set VENICE_ADMIN_API_KEY (or VENICE_API_KEY) to an ADMIN key of this account`,
      );
    }
    throw err;
  }
  const before = listAnswer.safeParse(listed);
  add(
    result("auth.admin", "ok", `200; ${before.success ? before.data.data.length : "?"} active keys listed`),
  );

  const offset = probe.pipeline.clockOffsetMs;
  if (offset === undefined) {
    add(
      result(
        "date-header",
        "differs",
        "no Date header",
        "the lost-create repair then places keys in time by our clock, less its 2 s margin; a skewed clock could miss a lost key",
      ),
    );
  } else {
    const skew = `Venice's clock is ${Math.abs(Math.round(offset / 1000))} s ${offset >= 0 ? "ahead of" : "behind"} ours`;
    add(
      Math.abs(offset) <= EXPIRY_SKEW_MS
        ? result("date-header", "ok", `present; ${skew}`)
        : result(
            "date-header",
            "differs",
            `present; ${skew}`,
            "the lost-create repair follows Venice's clock; expiries planned from createdAt may show as drift until issuedAt is recorded",
          ),
    );
  }

  // create.answer: key A, declared as a user would, every field away from its default.
  const declaredA: ApiKeyInputs = {
    description: description("A"),
    apiKeyType: "INFERENCE",
    expiresAt: instantIn(DAY),
    consumptionLimit: { usd: 0, diem: 0 },
    limitPeriod: "MONTH",
    modelPrivacy: "PRIVATE_TEXT",
  };
  let secret: string | undefined;
  let idA: string | undefined;
  try {
    const created = await ledger.create(createRequest(declaredA));
    idA = created.id;
    secret = created.apiKey;
    const echoed =
      created.apiKeyType === declaredA.apiKeyType && created.description === declaredA.description;
    add(
      echoed
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
    );
  } catch (err) {
    const why =
      err instanceof VeniceResponseError
        ? "`pulumi up` would fail after Venice made the key (the lost-create repair then deletes it)"
        : "`pulumi up` would fail to create keys";
    add(result("create.answer", "breaks", err instanceof Error ? err.message : String(err), why));
  }

  if (idA === undefined || secret === undefined) {
    for (const id of [
      "get.fields",
      "list.fields",
      "auth.inference-refused",
      "update.fields",
      "update.expiry-null",
      "dateOnlyExpiresAt",
      "partialLimitUpdate",
      "delete.query",
      "notFoundStatus",
      "delete.absent",
      "update.absent",
    ] as const)
      add(skipped(id, "create.answer failed"));
  } else {
    await checksOfKeyA(run, add, get, idA, secret, declaredA);
  }

  await deletePathCheck(run, add, description("B"));
  await pastExpiryCheck(run, add, description("C"));
  await resetHeaderCheck(run, add, description);
  return results;
}

type Add = (r: CheckResult) => CheckResult;
type Get = (id: string) => Promise<VeniceKey>;

async function checksOfKeyA(
  run: Run,
  add: Add,
  get: Get,
  id: string,
  secret: string,
  declared: ApiKeyInputs,
) {
  const { probe, ledger } = run;

  // get.fields
  const raw = await probe.ok({ method: "GET", path: `/api_keys/${id}` });
  const parsed = getAnswer.safeParse(raw);
  if (!parsed.success) {
    add(
      result(
        "get.fields",
        "breaks",
        `does not parse: ${parsed.error.issues[0]?.message}`,
        "refresh would fail",
      ),
    );
  } else {
    const key = parsed.data.data;
    const problems = drift(key, declared).map((f) => `${f} differs`);
    if (!key.createdAt) problems.push("no createdAt");
    if (key.last6Chars !== secret.slice(-6)) problems.push("last6Chars is not the secret's last six");
    const leaks = JSON.stringify(raw).includes(secret);
    add(
      problems.length > 0
        ? result(
            "get.fields",
            "breaks",
            problems.join("; "),
            "refresh would report drift on every run (or adoption and the self-lockout guard could not recognise the key)",
          )
        : leaks
          ? result(
              "get.fields",
              "differs",
              "as declared, but the answer holds the secret",
              "the provider ignores it",
            )
          : result("get.fields", "ok", "as declared; createdAt and last6Chars present; no secret"),
    );
  }

  // list.fields
  const listing = listAnswer.safeParse(await probe.ok({ method: "GET", path: "/api_keys" }));
  if (!listing.success) {
    add(
      result(
        "list.fields",
        "breaks",
        `does not parse: ${listing.error.issues[0]?.message}`,
        "refresh falls back to reads by id, but the lost-create repair cannot list keys",
      ),
    );
  } else {
    const inList = listing.data.data.find((k) => k.id === id);
    const byId = parsed.success ? parsed.data.data : undefined;
    if (!inList) {
      add(
        result(
          "list.fields",
          "breaks",
          "the key is not in the listing",
          "the lost-create repair could not find a key whose answer was lost (an orphan)",
        ),
      );
    } else {
      const fields = [
        "description",
        "apiKeyType",
        "expiresAt",
        "consumptionLimits",
        "limitPeriod",
        "modelPrivacy",
        "createdAt",
        "last6Chars",
      ] as const;
      const differ = byId
        ? fields.filter((f) => JSON.stringify(inList[f] ?? null) !== JSON.stringify(byId[f] ?? null))
        : [];
      const problems = [
        ...differ.map((f) => `${f} differs from GET by id`),
        ...drift(inList, declared).map((f) => `${f} differs from the declaration`),
      ];
      if (!inList.createdAt) problems.push("no createdAt");
      add(
        problems.length > 0
          ? result(
              "list.fields",
              "breaks",
              problems.join("; "),
              "refresh reads from the listing: it would report drift; without createdAt the lost-create repair leaves keys behind",
            )
          : result("list.fields", "ok", "the same as GET by id, field for field; createdAt present"),
      );
    }
  }

  // auth.inference-refused
  const refused = await probe.provoke({ method: "GET", path: "/api_keys" }, secret);
  add(
    refused.status === 401
      ? result("auth.inference-refused", "ok", describeAnswer(refused))
      : result(
          "auth.inference-refused",
          "differs",
          describeAnswer(refused),
          refused.status === 200
            ? "Venice let an INFERENCE key list keys; the provider refuses INFERENCE keys by their prefix before any call"
            : "the provider's hint for an INFERENCE admin key is tied to a 401",
        ),
  );

  // update.fields: every Venice field to another value, limits sent as the provider sends them.
  const target: ApiKeyInputs = {
    ...declared,
    description: `${declared.description}*`,
    expiresAt: instantIn(2 * DAY),
    limitPeriod: "LIFETIME",
    modelPrivacy: "PRIVATE_ONLY",
  };
  try {
    const answer = await probe.ok({
      method: "PATCH",
      path: "/api_keys",
      body: {
        id,
        description: target.description,
        expiresAt: target.expiresAt,
        consumptionLimit: { usd: 0, diem: 0 }, // every currency, as the provider sends them; 0 spends nothing
        limitPeriod: target.limitPeriod,
        modelPrivacy: target.modelPrivacy,
      },
    });
    const answered = updateAnswer.safeParse(answer);
    const after = await get(id);
    const problems = drift(after, target).map((f) => `${f} not as sent`);
    if (!answered.success) problems.push("the PATCH answer does not parse");
    add(
      problems.length > 0
        ? result(
            "update.fields",
            "breaks",
            problems.join("; "),
            "`pulumi up` would not heal drift, and report it again",
          )
        : result("update.fields", "ok", "every field as sent; the answer parses"),
    );
  } catch (err) {
    add(result("update.fields", "breaks", errorText(err), "`pulumi up` could not update keys in place"));
  }

  // update.expiry-null
  await checked(
    add,
    "update.expiry-null",
    async () => {
      await probe.ok({ method: "PATCH", path: "/api_keys", body: { id, expiresAt: null } });
      const after = await get(id);
      return after.expiresAt
        ? result(
            "update.expiry-null",
            "breaks",
            `expiresAt is still ${after.expiresAt}`,
            "removing expiresAt would show as drift forever",
          )
        : result("update.expiry-null", "ok", "expiresAt is null");
    },
    { verdict: "breaks", why: "removing expiresAt would fail" },
  );

  // dateOnlyExpiresAt
  await checked(
    add,
    "dateOnlyExpiresAt",
    async () => {
      const day = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
      await probe.ok({ method: "PATCH", path: "/api_keys", body: { id, expiresAt: day } });
      const stored = (await get(id)).expiresAt ?? "";
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

  // partialLimitUpdate: only usd sent; diem stays 0 (merge) or becomes no cap (replace), restored at once.
  await checked(
    add,
    "partialLimitUpdate",
    async () => {
      await probe.ok({ method: "PATCH", path: "/api_keys", body: { id, consumptionLimit: { usd: 0 } } });
      const diem = (await get(id)).consumptionLimits?.diem ?? null;
      await probe.ok({
        method: "PATCH",
        path: "/api_keys",
        body: { id, consumptionLimit: { usd: 0, diem: 0 } },
      });
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

  // delete.query, then what Venice says about the deleted key.
  let gone: Answer | undefined; // what Venice says of the deleted key: also notFoundStatus's second case
  await checked(
    add,
    "delete.query",
    async () => {
      await probe.ok({ method: "DELETE", path: "/api_keys", query: { id } });
      ledger.markDeleted(id);
      const after = await probe.provoke({ method: "GET", path: `/api_keys/${id}` });
      gone = after;
      return after.status === 200
        ? result(
            "delete.query",
            "breaks",
            "200, but the key is still readable",
            "destroy would leave keys alive",
          )
        : result("delete.query", "ok", `200; the key is gone (${describeAnswer(after)})`);
    },
    { verdict: "breaks", why: "`pulumi destroy` could not delete keys" },
  );
  if (gone === undefined || gone.status === 200) {
    for (const check of ["notFoundStatus", "delete.absent", "update.absent"] as const)
      add(skipped(check, "delete.query failed"));
    return;
  }

  const unknown = await probe.provoke({ method: "GET", path: `/api_keys/${randomUUID()}` });
  const observed = `${unknown.status}: unknown id ${describeAnswer(unknown)}; deleted id ${describeAnswer(gone)}`;
  const notFound = (a: Answer) =>
    isNotFound(new VeniceApiError(a.status, a.message ?? "", "GET", "/api_keys/{id}"));
  add(
    unknown.status === 400 && notFound(unknown) && notFound(gone)
      ? result("notFoundStatus", "ok", observed)
      : notFound(unknown) && notFound(gone)
        ? result("notFoundStatus", "differs", observed, "the provider reads a 404 as not found too")
        : result(
            "notFoundStatus",
            "breaks",
            observed,
            "refresh would fail on a key deleted or expired out of band instead of dropping it",
          ),
  );

  const again = await probe.provoke({ method: "DELETE", path: "/api_keys", query: { id } });
  add(
    again.status === 200 || notFound(again)
      ? result(
          "delete.absent",
          "ok",
          describeAnswer(again),
          again.status === 200 ? "Venice deletes idempotently" : "",
        )
      : result(
          "delete.absent",
          "breaks",
          describeAnswer(again),
          "a delete retried after a lost answer would fail",
        ),
  );

  const patched = await probe.provoke({
    method: "PATCH",
    path: "/api_keys",
    body: { id, description: "gone" },
  });
  add(
    notFound(patched)
      ? result("update.absent", "ok", describeAnswer(patched))
      : result(
          "update.absent",
          "differs",
          describeAnswer(patched),
          'the provider then shows Venice\'s answer instead of "run pulumi refresh, then pulumi up"',
        ),
  );
}

async function deletePathCheck(run: Run, add: Add, description: string) {
  const { probe, ledger } = run;
  await checked(
    add,
    "delete.path",
    async () => {
      const key = await ledger.create({
        apiKeyType: "INFERENCE",
        description,
        consumptionLimit: { usd: 0, diem: 0 },
      });
      const answer = await probe.provoke({ method: "DELETE", path: `/api_keys/${key.id}` });
      const after = await probe.provoke({ method: "GET", path: `/api_keys/${key.id}` });
      if (answer.status === 200 && after.status !== 200) {
        ledger.markDeleted(key.id);
        return result("delete.path", "ok", "200; the key is gone");
      }
      return result(
        "delete.path",
        "differs",
        `${describeAnswer(answer)}; the key is ${after.status === 200 ? "still there" : "gone"}`,
        "the provider deletes by query (DELETE /api_keys?id=), so it is unaffected",
      );
    },
    { verdict: "differs", why: "the provider deletes by query, so it is unaffected" },
  );
}

async function pastExpiryCheck(run: Run, add: Add, description: string) {
  const { probe, ledger } = run;
  await checked(
    add,
    "pastExpiresAt",
    async () => {
      const key = await ledger.create({
        apiKeyType: "INFERENCE",
        description,
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

async function resetHeaderCheck(run: Run, add: Add, description: (name: string) => string) {
  if (!run.rateLimit) {
    add(
      result(
        "resetHeaderUnit",
        "skipped",
        "not run: needs --rate-limit (it creates keys until Venice answers 429, about 20, all deleted after)",
      ),
    );
    return;
  }
  const { probe, ledger } = run;
  await checked(
    add,
    "resetHeaderUnit",
    async () => {
      for (let i = 0; i < run.rateLimitKeys; i++) {
        const body = {
          apiKeyType: "INFERENCE",
          description: description(`rate-limit ${i}`),
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

/** Venice answered (refused, or kept failing until the budget ran out), as opposed to not answering. */
function isAnswer(err: unknown): boolean {
  if (err instanceof VeniceAuthError) return false;
  if (err instanceof VeniceRetriesExhaustedError) return isAnswer(err.last);
  return err instanceof VeniceApiError || err instanceof VeniceResponseError;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs a check whose requests are expected to succeed. Venice refusing one of them is the check's
 * outcome, `refused` (`breaks` where the provider relies on the request, `differs` where it does not);
 * a refused credential or no answer at all ends the run.
 */
async function checked(
  add: Add,
  id: CheckId,
  check: () => Promise<CheckResult>,
  refused: { verdict: Verdict; why: string },
): Promise<void> {
  try {
    add(await check());
  } catch (err) {
    if (!isAnswer(err)) throw err;
    add(result(id, refused.verdict, errorText(err), refused.why));
  }
}
