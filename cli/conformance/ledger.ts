import type { CreateKeyRequest, VeniceClient } from "../../provider/core";
import type { CreatedKey } from "../../provider/core";

/**
 * The keys the kit made, and nothing else: it touches only these, and deletes every one of them before
 * it exits, whatever happened (a failed check, an exception, SIGINT, SIGTERM). A create still on its way
 * when the run is stopped is waited for, so that its key is deleted too.
 */
export class Ledger {
  private readonly made = new Set<string>();
  private readonly deleted = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;
  /** Ids whose delete failed: reported as keysLeft. */
  readonly left: string[] = [];

  constructor(
    private readonly venice: VeniceClient,
    /** Most keys the run may create. */
    private readonly limit: number,
  ) {}

  get created(): number {
    return this.made.size;
  }

  /** Creates a key through the provider's client (paced, repaired after a lost answer). */
  create(request: CreateKeyRequest): Promise<CreatedKey> {
    return this.record(
      () => this.venice.createKey(request),
      (key) => key.id,
    );
  }

  /**
   * A create the kit sends itself (to reach Venice's creation cap): `work` makes the request, `idOf`
   * names the key in its answer, if one was made.
   */
  async record<T>(work: () => Promise<T>, idOf: (answer: T) => string | undefined): Promise<T> {
    if (this.closed) throw new Error("the run is being stopped: no more keys are made");
    if (this.made.size + this.pending.size >= this.limit) {
      throw new Error(`the kit may create at most ${this.limit} keys in this run`);
    }
    const creating = work();
    this.pending.add(creating);
    try {
      const answer = await creating;
      const id = idOf(answer);
      if (id !== undefined) this.made.add(id);
      return answer;
    } finally {
      this.pending.delete(creating);
    }
  }

  /** Records a key the kit deleted itself (as a check). */
  markDeleted(id: string): void {
    this.deleted.add(id);
  }

  isOurs(id: string): boolean {
    return this.made.has(id);
  }

  /** Deletes every key the kit made that is still there; the ids it could not delete stay in `left`. */
  async cleanUp(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    for (const id of this.made) {
      if (this.deleted.has(id)) continue;
      try {
        await this.venice.deleteKey(id);
        this.deleted.add(id);
      } catch {
        if (!this.left.includes(id)) this.left.push(id);
      }
    }
  }
}
