import {
  apiKeyTypeSchema,
  API_KEY,
  COMPUTED_FIELDS,
  CURRENCIES,
  DURATION_GRAMMAR,
  DYNAMIC_API_KEY_TOKEN,
  FIELD_DOCS,
  FIELDS,
  limitPeriodSchema,
  modelPrivacySchema,
  NATIVE_API_KEY_TOKEN,
  PACKAGE,
  SECRET_FIELDS,
  type FieldKind,
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

function property(kind: FieldKind, doc: string, secret: boolean): Spec {
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

const isSecret = (field: string) => (SECRET_FIELDS as readonly string[]).includes(field);

function apiKeyResource(): Spec {
  const inputs = Object.fromEntries(
    FIELDS.map((f) => [f, property(FIELD_DOCS[f].kind, FIELD_DOCS[f].doc, isSecret(f))]),
  );
  const outputNames = [...FIELDS.filter((f) => f !== "adoptKeyValue"), ...COMPUTED_FIELDS];
  const outputs = Object.fromEntries(
    outputNames.map((f) => [f, property(FIELD_DOCS[f].kind, FIELD_DOCS[f].doc, isSecret(f))]),
  );
  return {
    description:
      "A Venice API key. Its value (`key`) is a secret, returned by Venice once, at creation. " +
      "Import an existing key with `pulumi import venice:index:ApiKey <name> <id>` (its value stays unknown: use adoptKeyId with adoptKeyValue to keep it).",
    properties: outputs,
    required: ["description", "apiKeyType", "limitPeriod", "modelPrivacy", "expired", "readyForRotation"],
    inputProperties: inputs,
    requiredInputs: ["description"],
    // Stacks move from the dynamic ApiKey to this one without a replacement (same id, same secret).
    aliases: [{ type: DYNAMIC_API_KEY_TOKEN }],
  };
}

const info: Spec = {
  type: "object",
  properties: {
    id: { type: "string" },
    description: { type: "string" },
    apiKeyType: ref("ApiKeyType"),
    expiresAt: { type: "string", description: "Canonical UTC instant; absent when the key never expires." },
    consumptionLimits: ref("ConsumptionLimits"),
    limitPeriod: ref("LimitPeriod"),
    modelPrivacy: ref("ModelPrivacy"),
    createdAt: { type: "string" },
    lastUsedAt: { type: "string" },
    last6Chars: { type: "string" },
  },
  required: ["id", "description", "apiKeyType", "consumptionLimits", "limitPeriod", "modelPrivacy"],
};

export function veniceSchema(version: string): Spec {
  const config = Object.fromEntries(
    Object.values(SETTINGS).map((s) => [
      s.config,
      {
        type: "default" in s && typeof s.default === "number" ? "integer" : "string",
        description: `Environment: ${s.env.join(" or ")}.${"default" in s ? ` Default: ${s.default}.` : ""}`,
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
        description: FIELD_DOCS.consumptionLimit.doc,
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
      go: { importBasePath: "github.com/pulumi-venice/pulumi-venice/sdk/go/venice" },
    },
  };
}
