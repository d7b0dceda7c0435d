import { checkInputs } from "../../provider/core/inputs";
import { veniceSchema } from "../../provider/fronts/pulumi/schema";
import { outputsFrom } from "../../provider/core/state";

/** The native schema, check and the outputs describe the same resource, field for field. */
const schema = veniceSchema("1.2.3") as {
  version: string;
  resources: Record<
    string,
    {
      inputProperties: Record<string, Record<string, unknown>>;
      properties: Record<string, Record<string, unknown>>;
      requiredInputs: string[];
      required: string[];
    }
  >;
  types: Record<string, { enum?: Array<{ value: string }> }>;
  config: { variables: Record<string, { secret?: boolean }> };
};
const apiKey = schema.resources["venice:index:ApiKey"]!;
const NOW = new Date("2027-01-01T00:00:00.000Z");

/** The contract, written out: what a user of the native provider sees, field by field. */
const INPUTS = {
  description: { type: "string" },
  apiKeyType: { $ref: "#/types/venice:index:ApiKeyType" },
  expiresAt: { type: "string" },
  consumptionLimit: { $ref: "#/types/venice:index:ConsumptionLimit" },
  limitPeriod: { $ref: "#/types/venice:index:LimitPeriod" },
  modelPrivacy: { $ref: "#/types/venice:index:ModelPrivacy" },
  rotationTrigger: { $ref: "pulumi.json#/Any" },
  expireAfter: { type: "string" },
  rotateBefore: { type: "string" },
  retireAfter: { type: "string" },
  adoptKeyId: { type: "string" },
  adoptKeyValue: { type: "string", secret: true },
};
const COMPUTED = {
  key: { type: "string", secret: true },
  last6Chars: { type: "string" },
  createdAt: { type: "string" },
  issuedAt: { type: "string" },
  expired: { type: "boolean" },
  readyForRotation: { type: "boolean" },
};
const { adoptKeyValue: _inputOnly, ...DECLARED_OUTPUTS } = INPUTS;

test("the schema's inputs are these arguments, with these types, and only description is required", () => {
  expect(Object.keys(apiKey.inputProperties)).toEqual(Object.keys(INPUTS));
  for (const [name, spec] of Object.entries(INPUTS)) {
    expect({ name, ...apiKey.inputProperties[name] }).toMatchObject({ name, ...spec });
  }
  expect(apiKey.requiredInputs).toEqual(["description"]);
  expect(apiKey.inputProperties.adoptKeyId).not.toHaveProperty("secret");
});

test("check accepts exactly the schema's arguments and requires description", () => {
  const unknown = checkInputs({}, { description: "d", notAField: 1 }, NOW).failures.map((f) => f.property);
  expect(unknown).toEqual(["notAField"]);
  expect(checkInputs({}, {}, NOW).failures.map((f) => f.property)).toEqual(["description"]);
});

test("the schema's outputs are the arguments but the adopted secret, then the computed fields", () => {
  const expected = { ...DECLARED_OUTPUTS, ...COMPUTED };
  expect(Object.keys(apiKey.properties)).toEqual(Object.keys(expected));
  for (const [name, spec] of Object.entries(expected)) {
    expect({ name, ...apiKey.properties[name] }).toMatchObject({ name, ...spec });
  }
  expect(apiKey.required).toEqual([
    "description",
    "apiKeyType",
    "limitPeriod",
    "modelPrivacy",
    "expired",
    "readyForRotation",
  ]);
});

test("the provider writes every schema output for a fully declared key", () => {
  const declared = {
    description: "d",
    consumptionLimit: { usd: 1 },
    limitPeriod: "MONTH",
    rotationTrigger: "q1",
    expireAfter: "90d",
    rotateBefore: "14d",
    retireAfter: "1d",
    adoptKeyId: "7b1d6c47-9b7b-4b40-8f0b-8d8a0a3f6d11",
    adoptKeyValue: "VENICE_INFERENCE_KEY_x",
  };
  const { inputs, failures } = checkInputs({}, declared, NOW);
  expect(failures).toEqual([]);
  const outs = outputsFrom(
    { ...inputs, expiresAt: "2027-04-01T00:00:00.000Z" },
    { key: "k", last6Chars: "abcdef", createdAt: NOW.toISOString(), issuedAt: NOW.toISOString() },
    NOW,
  );
  expect(Object.keys(outs).sort()).toEqual(Object.keys(apiKey.properties).sort());
});

test("the admin key is a secret in the provider's config", () => {
  expect(schema.config.variables.adminApiKey!.secret).toBe(true);
});

test("the schema's enums are Venice's values", () => {
  const values = (name: string) => schema.types[`venice:index:${name}`]!.enum!.map((e) => e.value);
  expect(values("ApiKeyType")).toEqual(["INFERENCE", "ADMIN"]);
  expect(values("LimitPeriod")).toEqual(["EPOCH", "MONTH", "LIFETIME"]);
  expect(values("ModelPrivacy")).toEqual(["ALL", "PRIVATE_TEXT", "PRIVATE_ONLY"]);
  expect(schema.version).toBe("1.2.3");
});
