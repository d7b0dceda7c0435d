import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exampleProject } from "../../driver/consumer";
import { cliStack, E2E_TIMEOUT } from "../helpers/e2e";

/**
 * TypeScript through the native plugin: a stack made with the dynamic ApiKey moves to
 * `pulumi-venice/native` by a change of import (and the plugin's path in Pulumi.yaml): same ids, same
 * secrets, nothing created or deleted in Venice.
 */
jest.setTimeout(E2E_TIMEOUT);

/** The one edit a user makes: the import, and where the engine finds the plugin. */
function moveToNative(project: string): void {
  const program = join(project, "index.ts");
  writeFileSync(
    program,
    readFileSync(program, "utf8").replace('from "pulumi-venice";', 'from "pulumi-venice/native";'),
  );
  appendFileSync(
    join(project, "Pulumi.yaml"),
    "plugins:\n  providers:\n    - name: venice\n      path: ./node_modules/pulumi-venice/bin\n",
  );
}

test("moving a stack from the dynamic ApiKey to the native one keeps every key: same id, same secret", async () => {
  const project = exampleProject("environments");
  const { emu, pulumi } = await cliStack(project, "staging");
  try {
    await pulumi.up();
    const before = await emu.control.activeKeys();
    const secrets = await pulumi.secretOutputs();

    moveToNative(project);
    const preview = await pulumi.preview("--expect-no-changes");
    expect({ code: preview.code, output: preview.output }).toEqual({
      code: 0,
      output: expect.stringMatching(/unchanged/),
    });
    await emu.control.clearRequests();
    await pulumi.up();
    expect((await emu.control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
    expect(await emu.control.activeKeys()).toEqual(before);
    expect(await pulumi.secretOutputs()).toEqual(secrets);
    const state = JSON.parse(await pulumi.exportState()) as {
      deployment: { resources: Array<{ type: string }> };
    };
    expect(state.deployment.resources.map((r) => r.type)).toContain("venice:index:ApiKey");
    expect(state.deployment.resources.map((r) => r.type)).not.toContain(
      "pulumi-nodejs:dynamic/venice:ApiKey",
    );

    expect((await pulumi.preview("--refresh", "--expect-no-changes")).code).toBe(0);
    await pulumi.destroy();
    expect(await emu.control.activeKeys()).toEqual([]);
  } finally {
    await emu.close();
  }
});
