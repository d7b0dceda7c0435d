import {
  apiKeyTypeSchema,
  API_KEY,
  CURRENCIES,
  DURATION_GRAMMAR,
  DYNAMIC_API_KEY_TOKEN,
  ALWAYS_SET_OUTPUTS,
  FIELD_RECORDS,
  FIELDS,
  fieldRecord,
  INFO_FIELDS,
  infoRecord,
  OUTPUT_FIELDS,
  REQUIRED_FIELDS,
  type ComputedField,
  type Field,
  type FieldKind,
  limitPeriodSchema,
  modelPrivacySchema,
  NATIVE_API_KEY_TOKEN,
  PACKAGE,
} from "../../../domain";
import { SETTINGS } from "../../core/settings";

/**
 * The `venice` package's Pulumi schema, generated from the facts module (fields, kinds, enums, docs,
 * secrets) and the settings table: the native provider serves it, `npm run build` writes it to
 * schema.json, and SDKs for other languages are generated from that. Nothing here is written twice.
 */
type Spec = Record<string, unknown>;

const ENUMS = {
  ApiKeyType: apiKeyTypeSchema.options,
  LimitPeriod: limitPeriodSchema.options,
  ModelPrivacy: modelPrivacySchema.options,
} as const;

const token = (name: string) => `${PACKAGE}:index:${name}`;
const ref = (name: string) => ({ $ref: `#/types/${token(name)}` });

function property(kind: FieldKind, doc: string, secret?: boolean): Spec {
  const base: Spec = { description: doc, ...(secret ? { secret: true } : {}) };
  switch (kind) {
    case "string":
    case "expiry":
      return { ...base, type: "string" };
    case "duration":
      return { ...base, type: "string", description: `${doc} A duration: ${DURATION_GRAMMAR}.` };
    case "boolean":
      return { ...base, type: "boolean" };
    case "limit":
      return { ...base, ...ref("ConsumptionLimit") };
    case "trigger":
      return { ...base, $ref: "pulumi.json#/Any" };
    default:
      return { ...base, ...ref(kind.slice("enum:".length)) };
  }
}

function apiKeyResource(): Spec {
  const field = (f: Field | ComputedField) => {
    const { kind, doc, secret } = fieldRecord(f);
    return [f, property(kind, doc, secret)];
  };
  const inputs = Object.fromEntries(FIELDS.map(field));
  const outputs = Object.fromEntries(OUTPUT_FIELDS.map(field));
  return {
    description:
      "A Venice API key. Its value (`key`) is a secret, returned by Venice once, at creation. " +
      "Import an existing key with `pulumi import venice:index:ApiKey <name> <id>` (its value stays unknown: use adoptKeyId with adoptKeyValue to keep it).",
    properties: outputs,
    required: [...ALWAYS_SET_OUTPUTS],
    inputProperties: inputs,
    requiredInputs: [...REQUIRED_FIELDS],
    // Stacks move from the dynamic ApiKey to this one without a replacement (same id, same secret).
    aliases: [{ type: DYNAMIC_API_KEY_TOKEN }],
  };
}

const info: Spec = {
  type: "object",
  properties: Object.fromEntries(
    INFO_FIELDS.map((f) => {
      const { kind, doc } = infoRecord(f);
      return [
        f,
        kind === "reportedLimits" ? { ...ref("ConsumptionLimits"), description: doc } : property(kind, doc),
      ];
    }),
  ),
  required: INFO_FIELDS.filter((f) => infoRecord(f).required),
};

export function veniceSchema(version: string): Spec {
  const config = Object.fromEntries(
    Object.values(SETTINGS).map((s) => [
      s.config,
      {
        type: "default" in s && typeof s.default === "number" ? "integer" : "string",
        description: `${s.doc} Environment: ${s.env.join(" or ")}.${"default" in s ? ` Default: ${s.default}.` : ""}`,
        ...(s.config === "adminApiKey" ? { secret: true } : {}),
      },
    ]),
  );
  return {
    name: PACKAGE,
    displayName: "Venice",
    version,
    description: "Venice.ai API keys as declared infrastructure.",
    keywords: ["pulumi", "venice", "category/utility"],
    license: "Apache-2.0",
    publisher: "pulumi-venice",
    repository: "https://github.com/pulumi-venice/pulumi-venice",
    homepage: "https://github.com/pulumi-venice/pulumi-venice",
    // Where `pulumi plugin install resource venice <version>` (and an engine missing the plugin) downloads
    // pulumi-resource-venice-v<version>-<os>-<arch>.tar.gz from: the project's GitHub releases.
    pluginDownloadURL: "github://api.github.com/pulumi-venice/pulumi-venice",
    config: { variables: config },
    provider: {
      description:
        "A Venice account: its admin key and API endpoint. An explicit provider's arguments win over the environment.",
      inputProperties: config,
      properties: config,
    },
    types: {
      ...Object.fromEntries(
        Object.entries(ENUMS).map(([name, values]) => [
          token(name),
          { type: "string", enum: values.map((value) => ({ value, name: value })) },
        ]),
      ),
      [token("ConsumptionLimit")]: {
        type: "object",
        description: FIELD_RECORDS.consumptionLimit.doc,
        properties: Object.fromEntries(CURRENCIES.map((c) => [c, { type: "number" }])),
      },
      [token("ConsumptionLimits")]: {
        type: "object",
        description: "Per-currency caps as Venice reports them; null where the currency has no cap.",
        properties: Object.fromEntries(CURRENCIES.map((c) => [c, { type: "number" }])),
      },
      [token("ApiKeyInfo")]: info,
    },
    resources: { [NATIVE_API_KEY_TOKEN]: apiKeyResource() },
    functions: {
      [token(`get${API_KEY}`)]: {
        description: "Metadata of one Venice key by id (never its secret).",
        inputs: { properties: { id: { type: "string" } }, required: ["id"] },
        outputs: info,
      },
      [token(`get${API_KEY}s`)]: {
        description:
          "The account's active keys, optionally those whose description starts with a prefix and/or of one type.",
        inputs: { properties: { descriptionPrefix: { type: "string" }, apiKeyType: ref("ApiKeyType") } },
        outputs: {
          type: "object",
          properties: { keys: { type: "array", items: ref("ApiKeyInfo") } },
          required: ["keys"],
        },
      },
    },
    language: {
      nodejs: { packageName: "pulumi-venice", dependencies: { "@pulumi/pulumi": "^3.216.0" } },
      go: {
        importBasePath: "github.com/pulumi-venice/pulumi-venice/sdk/go/venice",
        // The generated pulumi-plugin.json names the plugin version the SDK was made for.
        respectSchemaVersion: true,
      },
    },
  };
}
