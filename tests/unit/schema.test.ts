import {
  apiKeyTypeSchema,
  COMPUTED_FIELDS,
  FIELDS,
  limitPeriodSchema,
  modelPrivacySchema,
  SECRET_FIELDS,
} from "../../domain";
import { checkInputs } from "../../provider/core/inputs";
import { veniceSchema } from "../../provider/fronts/pulumi/schema";
import { outputsFrom } from "../../provider/core/state";

/** The native schema, check and the outputs describe the same resource, field for field. */
const schema = veniceSchema("1.2.3") as {
  version: string;
  resources: Record<
    string,
    {
      inputProperties: Record<string, { secret?: boolean }>;
      properties: Record<string, { secret?: boolean }>;
      requiredInputs: string[];
    }
  >;
  types: Record<string, { enum?: Array<{ value: string }> }>;
  config: { variables: Record<string, { secret?: boolean }> };
};
const apiKey = schema.resources["venice:index:ApiKey"]!;
const NOW = new Date("2027-01-01T00:00:00.000Z");

test("the schema's inputs are exactly check's arguments", () => {
  expect(Object.keys(apiKey.inputProperties).sort()).toEqual([...FIELDS].sort());
  const unknown = checkInputs({}, { description: "d", notAField: 1 }, NOW).failures.map((f) => f.property);
  expect(unknown).toEqual(["notAField"]);
  expect(apiKey.requiredInputs).toEqual(
    checkInputs({}, {}, NOW)
      .failures.filter((f) => /required/.test(f.reason))
      .map((f) => f.property),
  );
});

test("the schema's outputs are exactly what the provider writes for a fully declared key", () => {
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
  expect(Object.keys(apiKey.properties).sort()).toEqual(
    [...FIELDS.filter((f) => f !== "adoptKeyValue"), ...COMPUTED_FIELDS].sort(),
  );
});

test("the secret fields are secret in the schema, and the admin key in the provider's config", () => {
  for (const field of SECRET_FIELDS) {
    expect({ field, secret: (apiKey.properties[field] ?? apiKey.inputProperties[field])!.secret }).toEqual({
      field,
      secret: true,
    });
  }
  expect(schema.config.variables.adminApiKey!.secret).toBe(true);
});

test("the schema's enums are the facts module's", () => {
  const values = (name: string) => schema.types[`venice:index:${name}`]!.enum!.map((e) => e.value);
  expect(values("ApiKeyType")).toEqual(apiKeyTypeSchema.options);
  expect(values("LimitPeriod")).toEqual(limitPeriodSchema.options);
  expect(values("ModelPrivacy")).toEqual(modelPrivacySchema.options);
  expect(schema.version).toBe("1.2.3");
});
