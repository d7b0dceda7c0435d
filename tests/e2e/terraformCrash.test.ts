import { TofuWorkspace } from "../../driver/tofuCli";
import { E2E_TIMEOUT } from "../helpers/e2e";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { awaitGone, descendants, killAll } from "../helpers/processes";

/**
 * A `tofu apply` killed with SIGKILL while creates are queued and in flight (a lost CI runner, an OOM
 * kill), then the documented recovery (a plain `tofu apply`): nothing of the killed run keeps running,
 * no key lives that the state does not name, and `tofu destroy` ends with none. Tofu writes state at
 * most every 20 s during an apply, so the provider undoes every key it made once tofu is gone.
 */
jest.setTimeout(E2E_TIMEOUT);

const CONFIG = `terraform {
  required_providers {
    venice = { source = "pulumi-venice/venice" }
  }
}
resource "venice_api_key" "crash" {
  for_each    = toset(["a", "b", "c", "d", "e", "f"])
  description = "crash \${each.key}"
}
`;

/** Two creations per 4 s, in Venice and in the provider: most creates wait in the queue at the stop. */
const slowEmulator = () => startTestEmulator({ limits: { creationsPerWindow: 2, creationWindowMs: 4000 } });
const slowWorkspace = (emu: TestEmulator) =>
  new TofuWorkspace({
    files: { "main.tf": CONFIG },
    env: {
      VENICE_ADMIN_API_KEY: emu.adminKey,
      VENICE_BASE_URL: emu.url,
      VENICE_API_KEY: "",
      VENICE_CREATION_LIMIT: "2",
      VENICE_CREATION_WINDOW_MS: "4000",
    },
  });

/** Waits for the run's first key in Venice; fails at once, with tofu's output, if the run ends first. */
async function firstKey(emu: TestEmulator, finished: Promise<{ output: string }>): Promise<void> {
  let ended: string | undefined;
  void finished.then((r) => (ended = r.output));
  while ((await emu.control.activeKeys()).length === 0) {
    if (ended !== undefined) throw new Error(`tofu apply ended before making a key:\n${ended}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("a SIGKILLed tofu apply leaves no orphaned key and no provider process alive", async () => {
  const emu = await slowEmulator();
  const leftovers: number[] = [];
  try {
    const tofu = slowWorkspace(emu);
    await tofu.init();
    const run = tofu.start(["apply", "-auto-approve", "-no-color"]);
    await firstKey(emu, run.finished);
    const processes = descendants(run.child.pid!);
    leftovers.push(...processes);
    expect(processes.length).toBeGreaterThanOrEqual(1); // the provider
    run.child.kill("SIGKILL");
    await run.finished;

    expect(await awaitGone(processes, 20_000)).toEqual([]);
    // Everything the killed run made is undone: whatever tofu managed to record shows as gone.
    expect(await emu.control.activeKeys()).toEqual([]);

    // The documented recovery: apply again.
    await tofu.apply();
    const state = await tofu.state();
    const recorded = (state.values?.root_module?.resources ?? []).map((r) => r.values.id);
    const live = (await emu.control.activeKeys()).map((k) => k.id);
    expect(live.sort()).toEqual([...recorded].sort());
    expect(live).toHaveLength(6);
    await tofu.destroy();
    expect(await emu.control.activeKeys()).toEqual([]);
  } finally {
    killAll(leftovers);
    await emu.close();
  }
});

test("Ctrl-C during an apply lets tofu stop gracefully: every key made is in the state, none is left over", async () => {
  const emu = await slowEmulator();
  try {
    const tofu = slowWorkspace(emu);
    await tofu.init();
    // Its own process group, signalled whole, as a terminal's Ctrl-C reaches tofu and its provider.
    const run = tofu.start(["apply", "-auto-approve", "-no-color"], {}, "close", true);
    await firstKey(emu, run.finished);
    process.kill(-run.child.pid!, "SIGINT");
    const result = await run.finished;
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Interrupt received/);
    const recorded = ((await tofu.state()).values?.root_module?.resources ?? []).map((r) => r.values.id);
    const live = (await emu.control.activeKeys()).map((k) => k.id);
    expect(live.sort()).toEqual([...recorded].sort()); // nothing made that the state does not name
    expect(live.length).toBeGreaterThan(0);
    expect(live.length).toBeLessThan(6); // it did stop
    await tofu.destroy();
    expect(await emu.control.activeKeys()).toEqual([]);
  } finally {
    await emu.close();
  }
});
