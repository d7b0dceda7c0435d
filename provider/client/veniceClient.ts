import { keyIdentity } from "../../domain";
import {
  VeniceApiError,
  VeniceError,
  VeniceLimitError,
  VeniceResponseError,
  VeniceTransportError,
  VeniceUnreadableCreateError,
} from "./errors";
import type { CreationPacer } from "./pacer";
import type { Pipeline } from "./pipeline";
import { SharedListing } from "./sharedListing";
import {
  createAnswer,
  deleteAnswer,
  getAnswer,
  listAnswer,
  updateAnswer,
  type ApiKeyType,
  type CreatedKey,
  type LimitPeriod,
  type ModelPrivacy,
  type VeniceKey,
} from "./schemas";

/** The body of POST /api_keys. Only fields the spec lists: Venice rejects unknown ones. */
export interface CreateKeyRequest {
  apiKeyType: ApiKeyType;
  description: string;
  expiresAt?: string;
  consumptionLimit?: { usd?: number | null; diem?: number | null };
  limitPeriod?: LimitPeriod;
  modelPrivacy?: ModelPrivacy;
}

/** The body of PATCH /api_keys: only the fields that change. `expiresAt: null` removes the expiry. */
export interface UpdateKeyRequest {
  id: string;
  description?: string;
  expiresAt?: string | null;
  consumptionLimit?: { usd: number | null; diem: number | null };
  limitPeriod?: LimitPeriod;
  modelPrivacy?: ModelPrivacy;
}

/** Venice reports unknown, deleted and expired ids as 400 with a "not found" text; a 404 means the same. */
export function isNotFound(err: unknown): boolean {
  if (!(err instanceof VeniceApiError)) return false;
  return (
    err.status === 404 ||
    (err.status === 400 && /not (be )?found|could not be found/i.test(err.veniceMessage))
  );
}

/** Whether a failed create may nevertheless have created the key. */
/** The key's id in a create answer we could not otherwise read: `data.id`, or `id` at the top. */
function idIn(answer: unknown): string | undefined {
  const record = (value: unknown) =>
    value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const candidate = record(record(answer).data).id ?? record(answer).id;
  return typeof candidate === "string" && candidate.length > 0 ? candidate : undefined;
}

function mayHaveCreated(err: VeniceError): boolean {
  if (err instanceof VeniceTransportError) return err.mayHaveApplied;
  return err instanceof VeniceApiError && err.status >= 500;
}

/**
 * How much earlier than our estimate of an attempt's start (on Venice's clock) a key created by it may
 * be stamped: the Date header's whole seconds are already accounted for (the estimate is a lower bound),
 * this covers Venice's own clocks disagreeing with its front end by a little.
 */
const CREATED_AT_MARGIN_MS = 2_000;

/**
 * The part of a create's retry budget kept for repairing a lost answer (one listing and a delete, each
 * possibly retried): a fifth, 24 s of the default 120 s, is several backoff rounds.
 */
const REPAIR_SHARE = 0.2;

/** Venice's answer when the account is full (500 active keys); its exact text is undocumented. */
const ACCOUNT_FULL =
  /(maximum|max|too many|limit)\b.*\b(active|api) ?keys|active (api )?keys\b.*\b(maximum|limit|reached)/i;

export class VeniceClient {
  private readonly creating = new Map<string, Promise<unknown>>();
  /** Reads share listings; a listing's retries get half of a read's budget, the fallback the rest. */
  private readonly listing = new SharedListing(() =>
    this.listKeys(Date.now() + this.pipeline.settings.retryBudgetMs / 2),
  );

  constructor(
    /** The request pipeline, for commands that need Venice's raw answers (`pulumi-venice conformance`). */
    readonly pipeline: Pipeline,
    private readonly pacer: CreationPacer,
    /** Venice's cap on active keys per account, for the error text when Venice says the account is full. */
    private readonly maxActiveKeys = 500,
  ) {}

  /**
   * The key as a refresh reads it, or undefined when Venice no longer has it: from a listing shared with
   * the reads around it (see SharedListing), else by id. A key the listing lacks is read by id before it
   * is called gone (the listing shows active keys only, and the GET settles deleted and expired alike);
   * a listing that failed falls back to the read by id, within the same retry budget.
   */
  async readKey(id: string): Promise<VeniceKey | undefined> {
    const deadline = Date.now() + this.pipeline.settings.retryBudgetMs;
    const seen = await this.listing.lookup(id);
    return "found" in seen ? seen.found : this.getKey(id, deadline);
  }

  /** Runs a write; the shared listing is dropped before and after, since it may not show the write. */
  private async writing<T>(work: () => Promise<T>): Promise<T> {
    this.listing.invalidate();
    try {
      return await work();
    } finally {
      this.listing.invalidate();
    }
  }

  /** `deadline`: see Pipeline.request (a listing that is part of a create's repair shares its budget). */
  async listKeys(deadline?: number): Promise<VeniceKey[]> {
    return (await this.pipeline.request({ method: "GET", path: "/api_keys", schema: listAnswer }, deadline))
      .data;
  }

  /** The key, or undefined when Venice no longer has it (deleted or expired). */
  async getKey(id: string, deadline?: number): Promise<VeniceKey | undefined> {
    try {
      const path = `/api_keys/${encodeURIComponent(id)}`;
      return (await this.pipeline.request({ method: "GET", path, schema: getAnswer }, deadline)).data;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** PATCH is idempotent (it sets values), so a lost answer is simply retried. */
  async updateKey(change: UpdateKeyRequest): Promise<VeniceKey> {
    return this.writing(
      async () =>
        (
          await this.pipeline.request({
            method: "PATCH",
            path: "/api_keys",
            body: change,
            schema: updateAnswer,
          })
        ).data,
    );
  }

  /** Deleting a key that is already gone counts as done, which also makes a retried lost DELETE safe. */
  async deleteKey(id: string, deadline?: number): Promise<"deleted" | "absent"> {
    return this.writing(() => this.deleteOnce(id, deadline));
  }

  private async deleteOnce(id: string, deadline?: number): Promise<"deleted" | "absent"> {
    try {
      await this.pipeline.request(
        { method: "DELETE", path: "/api_keys", query: { id }, schema: deleteAnswer },
        deadline,
      );
      return "deleted";
    } catch (err) {
      if (isNotFound(err)) return "absent";
      throw err;
    }
  }

  /**
   * Creates exactly one key, even when an answer is lost, with one request when nothing goes wrong.
   *
   * Venice returns a key's secret only in the create answer, so a key whose answer was lost can never be
   * used: it must not survive. When a POST may have been applied without an answer (timeout, reset, 5xx),
   * the keys are listed and every key with the same type and description that Venice stamped no earlier
   * than that attempt began (on Venice's clock, learned from its Date headers) is deleted before the POST
   * is retried; once more after a retry succeeds (a slow server may apply the lost request late), and
   * before giving up. Creations with the same type and description are serialised within the process, so
   * that one's repair can never remove another's fresh key.
   */
  async createKey(request: CreateKeyRequest, signal?: AbortSignal): Promise<CreatedKey> {
    const fingerprint = keyIdentity(request);
    const previous = this.creating.get(fingerprint) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(() => this.writing(() => this.createExactlyOnce(request, signal)));
    this.creating.set(fingerprint, run);
    try {
      return await run;
    } finally {
      if (this.creating.get(fingerprint) === run) this.creating.delete(fingerprint);
    }
  }

  /**
   * `signal`: when it aborts, no attempt starts any more (a repair still runs). The whole create, its
   * repairs included, runs within one retry budget: once an attempt may have been applied, the attempts
   * stop `REPAIR_SHARE` of the budget early, so that the repair has that time for its own retries.
   */
  private async createExactlyOnce(request: CreateKeyRequest, signal?: AbortSignal): Promise<CreatedKey> {
    const budget = this.pipeline.settings.retryBudgetMs;
    const deadline = Date.now() + budget;
    /** Our clock when the first attempt that may have been applied started. */
    let lostSince: number | undefined;
    let firstStart: number | undefined;
    const started = () => firstStart ?? Date.now();
    /** Deletes the keys a lost attempt may have made; returns their ids (and throws if one delete fails). */
    const sweep = async (keep?: string): Promise<string[]> => {
      if (lostSince === undefined) return [];
      const keys = await this.listKeys(deadline); // its Date header also tells Venice's clock
      const since = (this.pipeline.serverTime(lostSince) ?? lostSince) - CREATED_AT_MARGIN_MS;
      const deleted: string[] = [];
      for (const key of keys) {
        if (key.id === keep || key.apiKeyType !== request.apiKeyType) continue;
        if (key.description !== request.description) continue;
        // A key without createdAt cannot be placed in time: leave it rather than risk another's key.
        if (!key.createdAt || Date.parse(key.createdAt) < since) continue;
        await this.deleteKey(key.id, deadline);
        deleted.push(key.id);
      }
      return deleted;
    };
    const attempts = this.pipeline.retrying(
      async () => {
        const slot = await this.pacer.acquire(signal);
        const started = Date.now();
        firstStart ??= started;
        try {
          const answer = await this.pipeline.attempt({
            method: "POST",
            path: "/api_keys",
            body: request,
            schema: createAnswer,
          });
          slot.used();
          return answer.data;
        } catch (err) {
          if (err instanceof VeniceApiError && err.status === 429) slot.refund();
          else slot.used();
          if (lostSince === undefined && err instanceof VeniceError && mayHaveCreated(err))
            lostSince = started;
          throw err;
        }
      },
      {
        onRateLimited: (delayMs) => this.pacer.pushBack(Date.now() + delayMs),
        beforeRetry: async (err) => {
          if (mayHaveCreated(err)) await sweep();
        },
        signal,
        deadline: () => (lostSince === undefined ? deadline : deadline - budget * REPAIR_SHARE),
      },
    );
    let created: CreatedKey;
    try {
      created = await attempts;
    } catch (err) {
      if (err instanceof VeniceResponseError) {
        // A success we cannot read: Venice made a key whose value never reached us. Remove it again.
        lostSince ??= started();
        throw await this.removeUnreadable(err, request, sweep, deadline);
      }
      // Giving up right after an attempt that may have been applied: its key must not outlive us.
      await sweep().catch(() => undefined);
      throw this.accountFull(err) ?? err;
    }
    // A lost attempt may have been applied after the repair above ran (a slow server finishing late).
    // One more sweep now that the retry succeeded; best effort, the key we hold is already safe.
    await sweep(created.id).catch(() => undefined);
    return created;
  }

  /**
   * After a create answered with a success we cannot read: the key it names (by the answer's id, when
   * the answer has one) or, without an id, the keys the lost-create sweep finds (same type and
   * description, made since the attempt started) are deleted. Returns the error to throw.
   */
  private async removeUnreadable(
    answer: VeniceResponseError,
    request: CreateKeyRequest,
    sweep: (keep?: string) => Promise<string[]>,
    deadline: number,
  ): Promise<VeniceUnreadableCreateError> {
    const id = idIn(answer.answer);
    if (id) {
      try {
        await this.deleteKey(id, deadline);
        return new VeniceUnreadableCreateError(answer, [id], []);
      } catch {
        return new VeniceUnreadableCreateError(answer, [], [id]);
      }
    }
    try {
      return new VeniceUnreadableCreateError(answer, await sweep(), []);
    } catch {
      // The sweep could not finish: name what is still there, as the sweep would have matched it.
      const candidates = (await this.listKeys(deadline).catch(() => [])).filter(
        (k) => k.apiKeyType === request.apiKeyType && k.description === request.description,
      );
      return new VeniceUnreadableCreateError(
        answer,
        [],
        candidates.map((k) => k.id),
      );
    }
  }

  /** Releases the connections (for short-lived clients: lookups, CLI commands). */
  close(): Promise<void> {
    return this.pipeline.close();
  }

  /** Venice's "account full" answer, turned into the actionable error it deserves. */
  private accountFull(err: unknown): VeniceLimitError | undefined {
    if (!(err instanceof VeniceApiError) || err.status !== 400 || !ACCOUNT_FULL.test(err.veniceMessage)) {
      return undefined;
    }
    return new VeniceLimitError(
      `Venice refused the new key: the account already has its maximum of active keys (${this.maxActiveKeys}; ` +
        `Venice said: ${err.veniceMessage}). Delete unused keys (expired and deleted keys do not count; ` +
        "`npx pulumi-venice audit` lists unmanaged and unused ones) before creating more.",
      "POST",
      "/api_keys",
    );
  }
}
