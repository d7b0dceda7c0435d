import { rootProjectCopy } from "../../driver/pulumiCli";
import { startTestEmulator } from "../helpers/emulator";
import { E2E_TIMEOUT, PulumiStack } from "../helpers/e2e";

/**
 * Three stacks on one account at once, each with the same 12 key descriptions, under Venice's
 * 20-creations-a-window cap (the window shortened to 6 s): every up succeeds, the account ends with
 * exactly 36 keys, no stack's key is removed by another's repair, and three parallel destroys leave none.
 */
jest.setTimeout(E2E_TIMEOUT);

const KEYS = Object.fromEntries(
  Array.from({ length: 12 }, (_, i) => [
    `k${i}`,
    { description: `shared ${i}`, consumptionLimit: { usd: 1 } },
  ]),
);

test("three stacks creating the same descriptions at once end with exactly 36 keys, then none", async () => {
  const emu = await startTestEmulator({ limits: { creationsPerWindow: 20, creationWindowMs: 6000 } });
  try {
    const env = {
      VENICE_ADMIN_API_KEY: emu.adminKey,
      VENICE_BASE_URL: emu.url,
      VENICE_API_KEY: "",
      VENICE_CREATION_LIMIT: "20",
      VENICE_CREATION_WINDOW_MS: "6000",
    };
    const stacks = await Promise.all(
      ["one", "two", "three"].map((stack) =>
        PulumiStack.create({ projectDir: rootProjectCopy(), stack, env }),
      ),
    );
    for (const s of stacks) await s.setConfig("keys", JSON.stringify(KEYS));

    await Promise.all(stacks.map((s) => s.up()));

    const live = await emu.control.activeKeys();
    expect(live).toHaveLength(36);
    expect((await emu.control.keys()).filter((k) => k.state !== "active")).toEqual([]); // nothing removed
    const held = await Promise.all(
      stacks.map(async (s) => Object.values((await s.outputs()).keyIds as Record<string, string>)),
    );
    for (const ids of held) expect(ids).toHaveLength(12);
    expect(new Set(held.flat()).size).toBe(36);
    expect(new Set(live.map((k) => k.id))).toEqual(new Set(held.flat()));
    expect((await emu.control.requests()).filter((r) => r.status === 429).length).toBeLessThan(60);

    await Promise.all(stacks.map((s) => s.destroy()));
    expect(await emu.control.activeKeys()).toEqual([]);
  } finally {
    await emu.close();
  }
});
