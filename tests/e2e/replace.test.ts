import { rootProjectCopy } from "../../driver/pulumiCli";
import { cliStack, E2E_TIMEOUT } from "../helpers/e2e";

/** The root project: keys from stack config, so a test can change a declaration between two ups. */
jest.setTimeout(E2E_TIMEOUT);

test("changing apiKeyType replaces the key, creating the new one before deleting the old", async () => {
  const { emu, pulumi } = await cliStack(rootProjectCopy(), "replace");
  try {
    await pulumi.setConfig(
      "keys",
      JSON.stringify({ worker: { description: "worker", apiKeyType: "INFERENCE" } }),
    );
    await pulumi.up();
    const [old] = await emu.control.activeKeys();

    await pulumi.setConfig(
      "keys",
      JSON.stringify({ worker: { description: "worker", apiKeyType: "ADMIN" } }),
    );
    const preview = await pulumi.preview();
    expect(preview.output).toMatch(/\+-.*worker|replace/);
    await emu.control.clearRequests();
    await pulumi.up();

    const keys = await emu.control.activeKeys();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ apiKeyType: "ADMIN", description: "worker" });
    expect(keys[0]!.id).not.toBe(old!.id);
    const writes = (await emu.control.requests())
      .filter((r) => r.method !== "GET")
      .map((r) => `${r.method} ${r.status}`);
    expect(writes).toEqual(["POST 200", "DELETE 200"]);
    await pulumi.destroy();
  } finally {
    await emu.close();
  }
});

test("an in-place change keeps the key and its secret", async () => {
  const { emu, pulumi } = await cliStack(rootProjectCopy(), "inplace");
  try {
    await pulumi.setConfig(
      "keys",
      JSON.stringify({ svc: { description: "svc", consumptionLimit: { usd: 1 } } }),
    );
    await pulumi.up();
    const before = (await pulumi.secretOutputs()).keyValues as Record<string, string>;
    await pulumi.setConfig(
      "keys",
      JSON.stringify({ svc: { description: "svc v2", consumptionLimit: { usd: 2 }, limitPeriod: "MONTH" } }),
    );
    await emu.control.clearRequests();
    await pulumi.up();
    expect((await emu.control.requests()).filter((r) => r.method !== "GET").map((r) => r.method)).toEqual([
      "PATCH",
    ]);
    expect((await pulumi.secretOutputs()).keyValues).toEqual(before);
    expect((await emu.control.activeKeys())[0]).toMatchObject({
      description: "svc v2",
      consumptionLimits: { usd: 2 },
      limitPeriod: "MONTH",
    });
    await pulumi.destroy();
  } finally {
    await emu.close();
  }
});
