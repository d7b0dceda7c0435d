import * as pulumi from "@pulumi/pulumi";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";

/**
 * Program wiring under Pulumi's mocks: what a user's `new ApiKey(...)` registers with the engine.
 * The provider itself is never called here (mocks replace the engine); other suites cover it.
 */
const registered: MockResourceArgs[] = [];
const secretOutputs = new Map<string, string[]>();

const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks");
const originalRegister = MockMonitor.prototype.registerResource;
MockMonitor.prototype.registerResource = function (
  req: { getName(): string; getAdditionalsecretoutputsList(): string[] },
  cb: unknown,
) {
  secretOutputs.set(req.getName(), req.getAdditionalsecretoutputsList());
  return originalRegister.call(this, req, cb);
};

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return {
          id: `${args.name}-id`,
          state: {
            ...args.inputs,
            key: "VENICE_INFERENCE_KEY_mockedmockedmockedmockedmockedmockedmock",
            last6Chars: "edmock",
          },
        };
      },
      call: () => ({}),
    },
    "proj",
    "test",
  );
});

async function declare(
  name: string,
  args: import("../../sdk").ApiKeyArgs,
  opts?: pulumi.CustomResourceOptions,
) {
  const venice = require("../../sdk") as typeof import("../../sdk");
  const key = new venice.ApiKey(name, args, opts);
  await new Promise<void>((done) => key.urn.apply(() => done()));
  return key;
}

function output<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((done) => o.apply(done));
}

test("an ApiKey registers with the type token pulumi-nodejs:dynamic/venice:ApiKey", async () => {
  await declare("token", { description: "token" });
  expect(registered.find((r) => r.name === "token")?.type).toBe("pulumi-nodejs:dynamic/venice:ApiKey");
});

test("the declared arguments and the serialized provider are the inputs", async () => {
  await declare("inputs", {
    description: "ci",
    expiresAt: "2027-06-30",
    consumptionLimit: { usd: 25, diem: 5 },
    limitPeriod: "MONTH",
  });
  const inputs = registered.find((r) => r.name === "inputs")!.inputs;
  expect(inputs).toMatchObject({
    description: "ci",
    expiresAt: "2027-06-30",
    consumptionLimit: { usd: 25, diem: 5 },
    limitPeriod: "MONTH",
  });
  expect(inputs.__provider).toEqual(expect.stringContaining('require("pulumi-venice/provider")'));
  expect(inputs).not.toHaveProperty("key");
});

test("the key value is registered as an additional secret output", async () => {
  await declare("secret", { description: "secret" });
  expect(secretOutputs.get("secret")).toEqual(["key"]);
});

test("user options are kept alongside the secret-output option", async () => {
  await declare(
    "protected",
    { description: "p" },
    { protect: true, additionalSecretOutputs: ["last6Chars"] },
  );
  expect(secretOutputs.get("protected")).toEqual(expect.arrayContaining(["key", "last6Chars"]));
});

test("outputs are exposed as typed properties", async () => {
  const key = await declare("outputs", { description: "outputs" });
  expect(await output(key.last6Chars)).toBe("edmock");
  expect(await output(key.description)).toBe("outputs");
});
