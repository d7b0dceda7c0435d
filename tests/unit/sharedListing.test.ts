import { VeniceAuthError } from "../../provider/client/errors";
import type { VeniceKey } from "../../provider/client/schemas";
import { FRESH_MS, SharedListing } from "../../provider/client/sharedListing";

/** A listing over a fake account and a fake clock: what is asked of Venice, and when. */
function setup(keys: string[] = ["a", "b"]) {
  let now = 0;
  const calls: number[] = [];
  let fail: unknown;
  const listing = new SharedListing(
    async () => {
      calls.push(now);
      if (fail) throw fail;
      return keys.map((id) => ({ id }) as VeniceKey);
    },
    () => now,
  );
  return {
    listing,
    calls,
    advance: (ms: number) => (now += ms),
    failWith: (err: unknown) => (fail = err),
  };
}

test("reads while a listing is in flight share it", async () => {
  const { listing, calls } = setup();
  const seen = await Promise.all([listing.lookup("a"), listing.lookup("b"), listing.lookup("x")]);
  expect(calls).toHaveLength(1);
  expect(seen).toEqual([{ found: { id: "a" } }, { found: { id: "b" } }, { absent: true }]);
});

test("an answered listing serves reads for FRESH_MS, then a new one is made", async () => {
  const { listing, calls, advance } = setup();
  await listing.lookup("a");
  advance(FRESH_MS);
  await listing.lookup("a");
  expect(calls).toHaveLength(1);
  advance(1);
  await listing.lookup("a");
  expect(calls).toHaveLength(2);
});

test("invalidate drops the listing: the next read lists again", async () => {
  const { listing, calls } = setup();
  await listing.lookup("a");
  listing.invalidate();
  await listing.lookup("a");
  expect(calls).toHaveLength(2);
});

test("a failed listing says so, and the next read tries afresh", async () => {
  const { listing, calls, failWith } = setup();
  failWith(new Error("503"));
  expect(await listing.lookup("a")).toEqual({ failed: true });
  failWith(undefined);
  expect(await listing.lookup("a")).toEqual({ found: { id: "a" } });
  expect(calls).toHaveLength(2);
});

test("a refused credential is thrown, not fallen back from", async () => {
  const { listing, failWith } = setup();
  failWith(new VeniceAuthError(401, "Authentication failed", "GET", "/api_keys"));
  await expect(listing.lookup("a")).rejects.toThrow(/401/);
});
