import type { ApiKeyInputs } from "../../domain";
import { createLifecycle, type ConfigSource, type Lifecycle } from "../../provider/core";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

/**
 * Two provider instances in one process (two explicit providers, two Terraform provider blocks, or the
 * CLI working on two accounts): each lifecycle owns its configuration, client, pacer and shared listing.
 */
let accountA: TestEmulator;
let accountB: TestEmulator;
beforeAll(async () => {
  accountA = await startTestEmulator({ limits: { creationsPerWindow: 5, creationWindowMs: 400 } });
  accountB = await startTestEmulator({ limits: { creationsPerWindow: 5, creationWindowMs: 400 } });
});
afterAll(async () => {
  await accountA.close();
  await accountB.close();
});
beforeEach(async () => {
  await accountA.control.reset();
  await accountB.control.reset();
});

/** A lifecycle whose own configuration wins over whatever the environment says. */
function lifecycleFor(emu: TestEmulator, creationLimit: string): Lifecycle {
  const values: Record<string, string> = {
    "venice:adminApiKey": emu.adminKey,
    "venice:baseUrl": emu.url,
    "venice:creationLimit": creationLimit,
    "venice:creationWindowMs": "400",
    "venice:retryBudgetMs": "20000",
  };
  const config: ConfigSource = { get: (key) => values[key] };
  return createLifecycle({ config, precedence: "config-first", env: {} });
}

async function declare(lifecycle: Lifecycle, description: string): Promise<ApiKeyInputs> {
  const result = await lifecycle.check({}, { description });
  if (result.failures) throw new Error(JSON.stringify(result.failures));
  return result.inputs;
}

test("two lifecycles driven in parallel keep their keys in their own accounts", async () => {
  const a = lifecycleFor(accountA, "5");
  const b = lifecycleFor(accountB, "5");
  const made = await Promise.all(
    Array.from({ length: 12 }, async (_, i) => {
      const lifecycle = i % 2 === 0 ? a : b;
      const created = await lifecycle.create(await declare(lifecycle, `${i % 2 === 0 ? "a" : "b"} ${i}`));
      return { account: i % 2 === 0 ? "a" : "b", id: created.id };
    }),
  );
  const inA = (await accountA.control.activeKeys()).map((k) => k.description).sort();
  const inB = (await accountB.control.activeKeys()).map((k) => k.description).sort();
  expect(inA).toEqual(["a 0", "a 10", "a 2", "a 4", "a 6", "a 8"]);
  expect(inB).toEqual(["b 1", "b 11", "b 3", "b 5", "b 7", "b 9"]);
  await Promise.all(made.map(({ account, id }) => (account === "a" ? a : b).delete(id, {})));
  expect(await accountA.control.activeKeys()).toEqual([]);
  expect(await accountB.control.activeKeys()).toEqual([]);
  await Promise.all([a.close(), b.close()]);
});

test("each lifecycle paces creations to its own account's limit, in parallel with another", async () => {
  // Each account allows 5 creations per 400 ms and each lifecycle is told so: 10 in parallel on each
  // side pass without a 429 only if neither pacer counts the other's creations (a shared pacer would
  // make them wait twice as long, not fail) and neither lets more than 5 through per window.
  const a = lifecycleFor(accountA, "5");
  const b = lifecycleFor(accountB, "5");
  const run = (lifecycle: Lifecycle, prefix: string) =>
    Promise.all(
      Array.from({ length: 10 }, async (_, i) =>
        lifecycle.create(await declare(lifecycle, `${prefix} ${i}`)),
      ),
    );
  await Promise.all([run(a, "a"), run(b, "b")]);
  expect(await accountA.control.activeKeys()).toHaveLength(10);
  expect(await accountB.control.activeKeys()).toHaveLength(10);
  const refusedIn = async (emu: TestEmulator) =>
    (await emu.control.requests()).filter((r) => r.method === "POST" && r.status === 429).length;
  // A refusal or two is a scheduling accident on a loaded machine (retried, never surfaced).
  expect(await refusedIn(accountA)).toBeLessThan(3);
  expect(await refusedIn(accountB)).toBeLessThan(3);
  await Promise.all([a.close(), b.close()]);
});

test("each lifecycle's shared listing holds only its own account's keys", async () => {
  const a = lifecycleFor(accountA, "5");
  const b = lifecycleFor(accountB, "5");
  const keyA = await a.create(await declare(a, "only in a"));
  const keyB = await b.create(await declare(b, "only in b"));
  await accountA.control.clearRequests();
  await accountB.control.clearRequests();
  // Both read at once: each answer comes from its own account's listing, never the other's.
  const [readA, readB, crossA, crossB] = await Promise.all([
    a.read(keyA.id, keyA.outs),
    b.read(keyB.id, keyB.outs),
    a.read(keyB.id, keyB.outs),
    b.read(keyA.id, keyA.outs),
  ]);
  expect(readA?.props.description).toBe("only in a");
  expect(readB?.props.description).toBe("only in b");
  expect(crossA).toBeUndefined();
  expect(crossB).toBeUndefined();
  const listings = async (emu: TestEmulator) =>
    (await emu.control.requests()).filter((r) => r.method === "GET" && r.path === "/api_keys").length;
  expect(await listings(accountA)).toBe(1);
  expect(await listings(accountB)).toBe(1);
  await Promise.all([a.close(), b.close()]);
});
