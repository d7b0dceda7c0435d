import { TofuWorkspace } from "../../driver/tofuCli";
import { E2E_TIMEOUT } from "../helpers/e2e";
import { startTestEmulator } from "../helpers/emulator";

/**
 * A refresh of a whole configuration reads every key from the shared listing: tofu refreshes up to 10
 * resources at once in one provider process, and those reads share one `GET /api_keys`.
 */
jest.setTimeout(E2E_TIMEOUT);

const KEYS = 40;
const CONFIG = `terraform {
  required_providers {
    venice = { source = "pulumi-venice/venice" }
  }
}
resource "venice_api_key" "many" {
  count       = ${KEYS}
  description = "scale \${count.index}"
}
`;

test(`a refresh of ${KEYS} keys asks Venice at most 3 times, and a dashboard edit among them is caught`, async () => {
  const emu = await startTestEmulator({ limits: { creationsPerWindow: 1_000 } });
  try {
    const tofu = new TofuWorkspace({
      files: { "main.tf": CONFIG },
      env: {
        VENICE_ADMIN_API_KEY: emu.adminKey,
        VENICE_BASE_URL: emu.url,
        VENICE_API_KEY: "",
        VENICE_CREATION_LIMIT: "1000",
      },
    });
    await tofu.init();
    await tofu.apply();
    expect(await emu.control.activeKeys()).toHaveLength(KEYS);

    await emu.control.clearRequests();
    expect((await tofu.plan("-refresh-only")).code).toBe(0);
    const requests = await emu.control.requests();
    expect(requests.length).toBeLessThanOrEqual(3);
    expect(requests.every((r) => r.method === "GET")).toBe(true);

    const edited = (await emu.control.activeKeys())[17]!;
    await emu.control.editKey(edited.id, { description: "edited in the dashboard" });
    const drift = await tofu.plan("-refresh-only");
    expect(drift.code).toBe(2);
    expect(drift.output).toContain('"edited in the dashboard"');
    await tofu.destroy();
    expect(await emu.control.activeKeys()).toEqual([]);
  } finally {
    await emu.close();
  }
});
