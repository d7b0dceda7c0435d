import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { exampleProject } from "../../driver/consumer";
import { cliStack, E2E_TIMEOUT } from "../helpers/e2e";

/**
 * The CrossGuard pack against a YAML program (the native provider's `venice:index:ApiKey`), as users run
 * it: `pulumi preview --policy-pack node_modules/pulumi-venice/policy` in the project folder.
 */
jest.setTimeout(E2E_TIMEOUT);

const program = (ops: string) => `name: venice-yaml-policy
runtime: yaml
plugins:
  providers:
    - name: venice
      path: ./node_modules/pulumi-venice/bin
resources:
  ci:
    type: venice:ApiKey
    properties:
      description: ci
      expireAfter: 90d
      rotateBefore: 14d
      consumptionLimit:
        usd: 10
  ops:
    type: venice:ApiKey
    properties:
${ops}
`;

test("the pack judges a YAML program's keys: compliant passes, an ADMIN key without expiry fails naming it", async () => {
  const project = exampleProject("yaml");
  writeFileSync(
    join(project, "Pulumi.yaml"),
    program(
      "      description: ops\n      apiKeyType: ADMIN\n      expireAfter: 30d\n      consumptionLimit:\n        usd: 0",
    ),
  );
  const { emu, pulumi } = await cliStack(project, "policy");
  try {
    const pack = join(project, "node_modules", "pulumi-venice", "policy");
    const clean = await pulumi.preview("--policy-pack", pack);
    expect({ code: clean.code, output: clean.code === 0 ? "" : clean.output }).toEqual({
      code: 0,
      output: "",
    });
    expect(clean.output).not.toMatch(/\[(mandatory|advisory)\]/);

    writeFileSync(join(project, "Pulumi.yaml"), program("      description: ops\n      apiKeyType: ADMIN"));
    const failed = await pulumi.preview("--policy-pack", pack);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toMatch(/\[mandatory\]\s+venice-admin-keys-expire\s+\(venice:index:ApiKey: ops\)/);
    expect(await emu.control.activeKeys()).toEqual([]); // preview and policies create nothing
  } finally {
    await emu.close();
  }
});
