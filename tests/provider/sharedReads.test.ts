import type { ApiKeyOutputs } from "../../domain";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { checked, providerFor } from "../helpers/provider";

/**
 * A refresh at account scale: reads share one `GET /api_keys` instead of one `GET /api_keys/{id}` per
 * key, and still see what a read by id would.
 */
const LIFTED = { VENICE_CREATION_LIMIT: "10000" }; // many keys made quickly: the creation cap is lifted
let emu: TestEmulator;
let provider: ReturnType<typeof providerFor>;
beforeAll(async () => {
  emu = await startTestEmulator({ limits: { creationsPerWindow: 10_000 } });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.control.reset();
  provider = providerFor(emu, LIFTED); // a fresh host: no listing carried over from another test
});

async function createKeys(n: number) {
  const made: Array<{ id: string; outs: ApiKeyOutputs }> = [];
  for (let i = 0; i < n; i++) {
    const result = await provider.create(await checked(provider, { description: `shared ${i}` }));
    made.push({ id: result.id, outs: result.outs });
  }
  return made;
}

const requests = async () => (await emu.control.requests()).map((r) => `${r.method} ${r.path}`);
const readAll = (keys: Array<{ id: string; outs: ApiKeyOutputs }>) =>
  Promise.all(keys.map((k) => provider.read(k.id, k.outs)));

test("eight concurrent reads are answered by one listing", async () => {
  const keys = await createKeys(8);
  await emu.control.clearRequests();
  const read = await readAll(keys);
  expect(await requests()).toEqual(["GET /api_keys"]);
  expect(read.map((r) => r?.id)).toEqual(keys.map((k) => k.id));
  expect(read.map((r) => r?.props.description)).toEqual(keys.map((_, i) => `shared ${i}`));
});

test("several waves of reads, as the engine sends them, share one listing", async () => {
  const keys = await createKeys(24);
  await emu.control.clearRequests();
  for (let wave = 0; wave < 3; wave++) await readAll(keys.slice(wave * 8, wave * 8 + 8));
  expect(await requests()).toEqual(["GET /api_keys"]);
});

test("a key missing from the listing is read by id before it is called gone", async () => {
  const keys = await createKeys(4);
  await emu.control.deleteKey(keys[1]!.id);
  await emu.control.expireKey(keys[2]!.id);
  await emu.control.clearRequests();
  const read = await readAll(keys);
  expect((await requests()).sort()).toEqual(
    ["GET /api_keys", `GET /api_keys/${keys[1]!.id}`, `GET /api_keys/${keys[2]!.id}`].sort(),
  );
  expect(read.map((r) => r?.id)).toEqual([keys[0]!.id, undefined, undefined, keys[3]!.id]);
});

test("a listing that fails falls back to reads by id", async () => {
  const impatient = providerFor(emu, { ...LIFTED, VENICE_RETRY_BUDGET_MS: "1000" });
  provider = impatient;
  const keys = await createKeys(3);
  await emu.control.injectFaults([
    { method: "GET", path: "/api_keys", count: 1000, action: { type: "status", status: 503 } },
  ]);
  await emu.control.clearRequests();
  const read = await readAll(keys);
  await emu.control.clearFaults();
  expect(read.map((r) => r?.props.description)).toEqual(["shared 0", "shared 1", "shared 2"]);
  const byId = (await requests()).filter((r) => r.startsWith("GET /api_keys/"));
  expect(byId.sort()).toEqual(keys.map((k) => `GET /api_keys/${k.id}`).sort());
});

test("a read after this process's own update never gets the older listing", async () => {
  const [key] = await createKeys(1);
  await provider.read(key!.id, key!.outs);
  const news = await checked(provider, { description: "renamed" });
  const updated = await provider.update(key!.id, key!.outs as never, news);
  const read = (await provider.read(key!.id, updated.outs))!;
  expect(read.props).toMatchObject({ description: "renamed" });
});

test("a read after this process's own delete never gets the older listing", async () => {
  const [key] = await createKeys(1);
  await provider.read(key!.id, key!.outs);
  await provider.delete(key!.id, key!.outs);
  expect(await provider.read(key!.id, key!.outs)).toBeUndefined();
});
