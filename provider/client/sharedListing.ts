import { VeniceAuthError } from "./errors";
import type { VeniceKey } from "./schemas";

/**
 * Reads of many keys answered from one `GET /api_keys`, which carries every field a read needs.
 *
 * The engine refreshes keys in waves (8 at once by default): the first read of a wave starts a listing,
 * every read that arrives while it is in flight or within `FRESH_MS` after it answered is answered from
 * it. Any create, update or delete made through the same client drops it (`invalidate`), so a read never
 * sees a listing older than this process's own last change.
 */

/**
 * How long an answered listing keeps answering reads: 5 s. Safe because a refresh is no atomic snapshot
 * anyway: its reads are spread over seconds, so an out-of-band edit made within 5 s of a read could as
 * well have landed just after it, and is caught by the next refresh either way. Long enough to cover
 * the engine's whole refresh of Venice's 500-key maximum in one or two listings.
 */
export const FRESH_MS = 5_000;

export type Lookup = { found: VeniceKey } | { absent: true } | { failed: true };

interface Listing {
  keys: Promise<Map<string, VeniceKey>>;
  /** Our clock when Venice answered; undefined while in flight. */
  answeredAt?: number;
}

export class SharedListing {
  private current: Listing | undefined;

  constructor(
    private readonly list: () => Promise<VeniceKey[]>,
    private readonly now: () => number = Date.now,
    private readonly freshMs = FRESH_MS,
  ) {}

  /**
   * The key as the shared listing shows it: `absent` when the listing lacks it (deleted, expired, or
   * made after the listing: the caller reads it by id), `failed` when the listing could not be had
   * (the caller falls back to reading by id). A refused credential is thrown: reading by id would only
   * collect more refusals toward Venice's failed-request lock-out.
   */
  async lookup(id: string): Promise<Lookup> {
    const listing = this.listing();
    try {
      const key = (await listing.keys).get(id);
      return key ? { found: key } : { absent: true };
    } catch (err) {
      if (err instanceof VeniceAuthError) throw err;
      return { failed: true };
    }
  }

  /** Drops the listing: called around every write, whose effect it may not show. */
  invalidate(): void {
    this.current = undefined;
  }

  private listing(): Listing {
    const current = this.current;
    if (current && (current.answeredAt === undefined || this.now() - current.answeredAt <= this.freshMs)) {
      return current;
    }
    const listing: Listing = {
      keys: this.list().then(
        (keys) => {
          listing.answeredAt = this.now();
          return new Map(keys.map((k) => [k.id, k]));
        },
        (err: unknown) => {
          if (this.current === listing) this.current = undefined; // the next read tries afresh
          throw err;
        },
      ),
    };
    // Reads that find no one waiting on a failure must not leave it unhandled.
    listing.keys.catch(() => undefined);
    this.current = listing;
    return listing;
  }
}
