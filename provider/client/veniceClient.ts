import {
  VeniceApiError,
  VeniceLimitError,
  VeniceRetriesExhaustedError,
  VeniceTransportError,
  type VeniceError,
} from "./errors";
import type { CreationPacer } from "./pacer";
import type { Pipeline } from "./pipeline";
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
function mayHaveCreated(err: VeniceError): boolean {
  if (err instanceof VeniceTransportError) return err.mayHaveApplied;
  return err instanceof VeniceApiError && err.status >= 500;
}

export class VeniceClient {
  private readonly creating = new Map<string, Promise<unknown>>();

  constructor(
    private readonly pipeline: Pipeline,
    private readonly pacer: CreationPacer,
    /** Venice's cap on active keys per account. */
    private readonly maxActiveKeys = 500,
  ) {}

  async listKeys(): Promise<VeniceKey[]> {
    return (await this.pipeline.request({ method: "GET", path: "/api_keys", schema: listAnswer })).data;
  }

  /** The key, or undefined when Venice no longer has it (deleted or expired). */
  async getKey(id: string): Promise<VeniceKey | undefined> {
    try {
      const path = `/api_keys/${encodeURIComponent(id)}`;
      return (await this.pipeline.request({ method: "GET", path, schema: getAnswer })).data;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** PATCH is idempotent (it sets values), so a lost answer is simply retried. */
  async updateKey(change: UpdateKeyRequest): Promise<VeniceKey> {
    return (
      await this.pipeline.request({ method: "PATCH", path: "/api_keys", body: change, schema: updateAnswer })
    ).data;
  }

  /** Deleting a key that is already gone counts as done, which also makes a retried lost DELETE safe. */
  async deleteKey(id: string): Promise<"deleted" | "absent"> {
    try {
      await this.pipeline.request({
        method: "DELETE",
        path: "/api_keys",
        query: { id },
        schema: deleteAnswer,
      });
      return "deleted";
    } catch (err) {
      if (isNotFound(err)) return "absent";
      throw err;
    }
  }

  /**
   * Creates exactly one key, even when an answer is lost.
   *
   * Venice returns a key's secret only in the create answer, so a key whose answer was lost can never be
   * used: it must not survive. Before the POST the active keys are listed (which also checks the 500-key
   * cap before calling). When a POST may have been applied without an answer (timeout, reset, 5xx), the
   * keys are listed again and every key that was not there before and has the same type and description
   * is deleted before the POST is retried. Creations with the same type and description are serialised
   * within the process so that one's repair can never remove another's fresh key.
   */
  async createKey(request: CreateKeyRequest): Promise<CreatedKey> {
    const fingerprint = `${request.apiKeyType}\u0000${request.description}`;
    const previous = this.creating.get(fingerprint) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.createExactlyOnce(request));
    this.creating.set(fingerprint, run);
    try {
      return await run;
    } finally {
      if (this.creating.get(fingerprint) === run) this.creating.delete(fingerprint);
    }
  }

  private async createExactlyOnce(request: CreateKeyRequest): Promise<CreatedKey> {
    const before = await this.listKeys();
    if (before.length >= this.maxActiveKeys) {
      throw new VeniceLimitError(
        `The account already has ${before.length} active keys, Venice's maximum is ${this.maxActiveKeys}. ` +
          "Delete unused keys (expired and deleted keys do not count) before creating more.",
        "POST",
        "/api_keys",
      );
    }
    const existing = new Set(before.map((k) => k.id));
    const unclaimed = (keys: VeniceKey[], keep?: string) =>
      keys.filter(
        (k) =>
          !existing.has(k.id) &&
          k.id !== keep &&
          k.apiKeyType === request.apiKeyType &&
          k.description === request.description,
      );
    let answerLost = false;
    const sweep = async (keep?: string) => {
      for (const key of unclaimed(await this.listKeys(), keep)) await this.deleteKey(key.id);
    };
    const attempts = this.pipeline.retrying(
      async () => {
        await this.pacer.acquire();
        const answer = await this.pipeline.attempt({
          method: "POST",
          path: "/api_keys",
          body: request,
          schema: createAnswer,
        });
        return answer.data;
      },
      {
        onRateLimited: (delayMs) => this.pacer.pushBack(Date.now() + delayMs),
        beforeRetry: async (err) => {
          if (!mayHaveCreated(err)) return;
          answerLost = true;
          await sweep();
        },
      },
    );
    let created: CreatedKey;
    try {
      created = await attempts;
    } catch (err) {
      // Giving up right after an attempt that may have been applied: its key must not outlive us.
      const last = err instanceof VeniceRetriesExhaustedError ? err.last : err;
      if (last instanceof VeniceApiError || last instanceof VeniceTransportError) {
        if (mayHaveCreated(last)) await sweep().catch(() => undefined);
      }
      throw err;
    }
    if (answerLost) {
      // A lost attempt may have been applied after the repair above ran (a slow server finishing late).
      // One more sweep now that the retry succeeded; best effort, the key we hold is already safe.
      await sweep(created.id).catch(() => undefined);
    }
    return created;
  }
}
