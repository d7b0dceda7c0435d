import { rootProjectCopy } from "../../driver/pulumiCli";
import { cliStack, E2E_TIMEOUT, type PulumiStack } from "../helpers/e2e";
import type { TestEmulator } from "../helpers/emulator";

/**
 * The daily drift gate at account scale, through the real CLI: 40 keys refreshed from shared listings
 * (a few requests, not one per key), with drift on any of them still caught.
 */
jest.setTimeout(E2E_TIMEOUT);

const N = 40;
const names = Array.from({ length: N }, (_, i) => `k${String(i).padStart(2, "0")}`);
let emu: TestEmulator;
let pulumi: PulumiStack;

beforeAll(async () => {
  ({ emu, pulumi } = await cliStack(
    rootProjectCopy(),
    "scale",
    { VENICE_CREATION_LIMIT: "10000" },
    { limits: { creationsPerWindow: 10_000 } },
  ));
  await pulumi.setConfig(
    "keys",
    JSON.stringify(
      Object.fromEntries(
        names.map((n) => [n, { description: `scale / ${n}`, consumptionLimit: { usd: 1 } }]),
      ),
    ),
  );
  await pulumi.up();
});
afterAll(async () => {
  await pulumi.destroy().catch(() => undefined);
  await emu.close();
});

/** A step of `pulumi preview --diff` output: the operation, then (after its id, if any) the resource's URN. */
const planned = (op: string, name: string) =>
  new RegExp(`\\(${op}\\)\\s+(\\[id=[^\\]]*\\]\\s+)?\\[urn=[^\\]]*::${name}\\]`);

const byName = async (name: string) =>
  (await emu.control.activeKeys()).find((k) => k.description === `scale / ${name}`)!;

test("refreshing 40 keys with nothing drifted makes at most 3 requests", async () => {
  await emu.control.clearRequests();
  await pulumi.refresh();
  expect((await emu.control.requests()).length).toBeLessThanOrEqual(3);

  await emu.control.clearRequests();
  expect((await pulumi.preview("--refresh", "--expect-no-changes")).code).toBe(0);
  expect((await emu.control.requests()).length).toBeLessThanOrEqual(3);
});

test("the drift gate names an edited, a deleted and an expired key among 40, then up --refresh heals them", async () => {
  await emu.control.editKey((await byName("k05")).id, { description: "edited in the dashboard" });
  await emu.control.deleteKey((await byName("k17")).id);
  await emu.control.expireKey((await byName("k33")).id);
  await emu.control.clearRequests();

  const gate = await pulumi.preview("--refresh", "--expect-no-changes");
  expect(gate.code).not.toBe(0);
  expect(gate.output).toMatch(planned("update", "k05"));
  expect(gate.output).toMatch(planned("create", "k17"));
  expect(gate.output).toMatch(planned("create", "k33"));
  // One listing (or a few), and a read by id for each of the keys it lacks (k05 is renamed, not gone).
  expect((await emu.control.requests()).length).toBeLessThanOrEqual(3 + 2);

  await pulumi.up("--refresh");
  expect((await pulumi.preview("--refresh", "--expect-no-changes")).code).toBe(0);
  expect(await emu.control.activeKeys()).toHaveLength(N);
});
