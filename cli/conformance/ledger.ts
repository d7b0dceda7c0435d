import {
  listAnswer,
  VeniceUnreadableCreateError,
  type CreateKeyRequest,
  type CreatedKey,
  type VeniceClient,
} from "../../provider/core";
import type { Probe } from "./probe";

/** A key the kit could not remove by any route, and the exact request that deletes it. */
export interface KeyLeft {
  id: string;
  request: string;
}

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
  /** Ids no route could delete: reported as keysLeft. */
  readonly left: string[] = [];
  /** How each key was finally removed, when not by the preferred route (for the summary). */
  readonly routes = new Map<string, string>();

  constructor(
    private readonly venice: VeniceClient,
    /** Most keys the run may create. */
    private readonly limit: number,
  ) {}

  get created(): number {
    return this.made.size;
  }

  /**
   * Creates a key through the provider's client (paced, repaired after a lost answer). When Venice made
   * a key whose answer cannot be read, the client removes it; what it could not remove is ours to report.
   */
  async create(request: CreateKeyRequest): Promise<CreatedKey> {
    try {
      return await this.record(
        () => this.venice.createKey(request),
        (key) => key.id,
      );
    } catch (err) {
      if (err instanceof VeniceUnreadableCreateError) {
        for (const id of err.left) this.made.add(id);
      }
      throw err;
    }
  }

  /** The kit's keys not yet deleted. */
  live(): string[] {
    return [...this.made].filter((id) => !this.deleted.has(id));
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

  /**
   * Deletes every key the kit made that is still there, by every route that works: the provider's
   * delete (by query), then by path, then by moving its expiry to a minute from now. After each round
   * one listing reads back what is still there (a delete answered as success that did not delete counts
   * as failed; a listing, unlike reads of deleted ids, provokes no error answers toward Venice's
   * lock-out). The ids no route removed stay in `left`, with the request that deletes them.
   */
  async cleanUp(probe?: Probe): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    let remaining = this.live();
    const still = async (ids: string[]) => {
      if (!probe || ids.length === 0) return [];
      try {
        const listed = listAnswer
          .parse(await probe.ok({ method: "GET", path: "/api_keys" }))
          .data.map((k) => k.id);
        return ids.filter((id) => listed.includes(id));
      } catch {
        return ids; // cannot tell: assume still there, and try the next route
      }
    };
    const rounds: Array<[string, (id: string) => Promise<unknown>]> = [
      ["DELETE /api_keys?id=", (id) => this.venice.deleteKey(id)],
      ...(probe
        ? ([
            ["DELETE /api_keys/{id}", (id) => probe.provoke({ method: "DELETE", path: `/api_keys/${id}` })],
            [
              "PATCH expiresAt to a minute from now",
              (id) =>
                probe.provoke({
                  method: "PATCH",
                  path: "/api_keys",
                  body: {
                    id,
                    expiresAt: new Date(Math.ceil((Date.now() + 60_000) / 1000) * 1000).toISOString(),
                  },
                }),
            ],
          ] as Array<[string, (id: string) => Promise<unknown>]>)
        : []),
    ];
    for (const [route, remove] of rounds) {
      if (remaining.length === 0) break;
      const failed: string[] = [];
      for (const id of remaining) await remove(id).catch(() => failed.push(id));
      if (!probe) remaining = failed;
      else {
        const left = await still(remaining);
        for (const id of remaining.filter((i) => !left.includes(i))) {
          this.deleted.add(id);
          if (route !== rounds[0]![0]) this.routes.set(id, route);
        }
        remaining = left;
      }
      if (route.startsWith("PATCH")) break; // an expired-soon key is still a key left: reported
    }
    for (const id of remaining) if (!this.left.includes(id)) this.left.push(id);
    if (!probe) for (const id of this.live()) if (!this.left.includes(id)) this.deleted.add(id);
  }

  get leftRequests(): KeyLeft[] {
    return this.left.map((id) => ({ id, request: `DELETE /api_keys?id=${id}` }));
  }
}
