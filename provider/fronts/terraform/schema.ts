import {
  CURRENCIES,
  DURATION_GRAMMAR,
  FIELDS,
  fieldRecord,
  INFO_FIELDS,
  infoRecord,
  OUTPUT_FIELDS,
  type ComputedField,
  type Field,
  type FieldKind,
  type InfoField,
} from "../../../domain";
import { SETTINGS } from "../../core";
import { typeJson, type CtyType } from "./values";

/**
 * The Terraform schemas of the `venice` provider, derived from domain/'s field records and the settings
 * table: the provider block, the resource `venice_api_key`, the data sources `venice_api_key` and
 * `venice_api_keys`. Names are the records' in snake_case; nothing is written a second time.
 */
export const RESOURCE = "venice_api_key";
export const DATA_KEY = "venice_api_key";
export const DATA_KEYS = "venice_api_keys";

/** The few names there are, converted once each (settings and values are converted at every call). */
const snakeNames = new Map<string, string>();
/** camelCase to Terraform's snake_case: `apiKeyType` → `api_key_type`, `last6Chars` → `last6_chars`. */
export const snake = (name: string): string => {
  let converted = snakeNames.get(name);
  if (converted === undefined) {
    converted = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    snakeNames.set(name, converted);
  }
  return converted;
};

/**
 * What the core's messages tell a Pulumi user to run or set, as a tofu user does it. The core's errors
 * are written once, for every front; this front says them in its own terms.
 */
const PULUMI_PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/`pulumi config set --secret venice:adminApiKey( <key>)?`/g, "`admin_api_key` in the provider block"],
  [/\bvenice:adminApiKey\b/g, "the provider block's admin_api_key"],
  [/`pulumi refresh` to drop it from the stack/g, "`tofu apply -refresh-only` to drop it from the state"],
  [/`pulumi refresh`/g, "`tofu apply -refresh-only`"],
  [/`pulumi up`/g, "`tofu apply`"],
  [/`retainOnDelete: true`/g, "a `removed` block with `lifecycle { destroy = false }`"],
  [/\bthe stack\b/g, "the state"],
];

/**
 * A text as Terraform users read it: field names in snake_case (the records and check's messages use
 * camelCase), Pulumi's commands and settings as tofu's.
 */
export function inTerraformTerms(text: string): string {
  const phrased = PULUMI_PHRASES.reduce((out, [pattern, tofu]) => out.replace(pattern, tofu), text);
  return FIELDS.reduce((out, field) => out.replace(new RegExp(`\\b${field}\\b`, "g"), snake(field)), phrased);
}

const LIMIT_TYPE: CtyType = ["object", Object.fromEntries(CURRENCIES.map((c) => [c, "number" as const]))];

export function ctyTypeOf(kind: FieldKind | "reportedLimits"): CtyType {
  switch (kind) {
    case "boolean":
      return "bool";
    case "limit":
    case "reportedLimits":
      return LIMIT_TYPE;
    case "trigger":
      // Terraform's convention for "replace when this changes" (null_resource, time_rotating): a map.
      return ["map", "string"];
    default:
      return "string";
  }
}

export interface Attribute {
  name: string;
  type: CtyType;
  description: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  writeOnly?: boolean;
  /** A nested attribute (consumption_limit): its attributes, nested once. */
  nested?: Attribute[];
}

/** Fields whose declared value may be left out and filled in: defaults, and an expiry expire_after sets. */
const filledInWhenOmitted = (field: Field) =>
  fieldRecord(field).default !== undefined || field === "expiresAt";

function docOf(field: Field | ComputedField): string {
  const { doc, kind } = fieldRecord(field);
  return inTerraformTerms(kind === "duration" ? `${doc} A duration: ${DURATION_GRAMMAR}.` : doc);
}

/** The resource's attributes, keyed by the field they carry (`id` has none). */
export const RESOURCE_ATTRIBUTES: ReadonlyArray<{
  field: Field | ComputedField | "id";
  attribute: Attribute;
}> = [
  {
    field: "id",
    attribute: { name: "id", type: "string", computed: true, description: "The key's id in Venice." },
  },
  ...FIELDS.map((field) => {
    const record = fieldRecord(field);
    const attribute: Attribute = {
      name: snake(field),
      type: ctyTypeOf(record.kind),
      description: docOf(field),
      ...(record.required ? { required: true } : { optional: true }),
      ...(filledInWhenOmitted(field) ? { computed: true } : {}),
      ...(record.secret ? { sensitive: true } : {}),
      // Never in plan or state where the client supports it (tofu and terraform 1.11 on); sensitive elsewhere.
      ...(field === "adoptKeyValue" ? { writeOnly: true } : {}),
    };
    if (record.kind === "limit") {
      attribute.nested = CURRENCIES.map((c) => ({
        name: c,
        type: "number" as const,
        optional: true,
        description: `The cap in ${c.toUpperCase()}; 0 blocks spending. Leave it out for no cap.`,
      }));
    }
    return { field, attribute };
  }),
  ...OUTPUT_FIELDS.filter((f) => fieldRecord(f).computed).map((field) => ({
    field,
    attribute: {
      name: snake(field),
      type: ctyTypeOf(fieldRecord(field).kind),
      description: docOf(field),
      computed: true,
      ...(fieldRecord(field).secret ? { sensitive: true } : {}),
    },
  })),
];

const infoAttributes = (computedId: boolean): Attribute[] =>
  INFO_FIELDS.map((field: InfoField) => {
    const { kind, doc } = infoRecord(field);
    return {
      name: snake(field),
      type: ctyTypeOf(kind),
      description: doc,
      ...(field === "id" && !computedId ? { required: true } : { computed: true }),
    };
  });

export const DATA_KEY_ATTRIBUTES: readonly Attribute[] = infoAttributes(false);

export const DATA_KEYS_ATTRIBUTES: readonly Attribute[] = [
  {
    name: "description_prefix",
    type: "string",
    optional: true,
    description: "Keep keys whose description starts with this (case-sensitive).",
  },
  {
    name: "api_key_type",
    type: "string",
    optional: true,
    description: "Keep keys of this type: INFERENCE or ADMIN.",
  },
  {
    name: "keys",
    type: ["list", objectType(infoAttributes(true))],
    computed: true,
    description: "The account's active keys that pass the filters, newest first. Never a secret.",
  },
];

export const PROVIDER_ATTRIBUTES: readonly Attribute[] = Object.values(SETTINGS).map((s) => ({
  name: snake(s.config),
  type: "default" in s && typeof s.default === "number" ? "number" : "string",
  optional: true,
  description: `${s.doc} Environment: ${s.env.join(" or ")}.${"default" in s ? ` Default: ${s.default}.` : ""}`,
  ...(s.config === "adminApiKey" ? { sensitive: true } : {}),
}));

/** The object type a block of attributes decodes to. */
export function objectType(attributes: readonly Attribute[]): CtyType {
  return ["object", Object.fromEntries(attributes.map((a) => [a.name, a.type]))];
}

export const RESOURCE_TYPE = objectType(RESOURCE_ATTRIBUTES.map((a) => a.attribute));
export const DATA_KEY_TYPE = objectType(DATA_KEY_ATTRIBUTES);
export const DATA_KEYS_TYPE = objectType(DATA_KEYS_ATTRIBUTES);
export const PROVIDER_TYPE = objectType(PROVIDER_ATTRIBUTES);

/** A block as tfplugin6's Schema.Block message (field names as the protocol spells them). */
function block(attributes: readonly Attribute[], description: string) {
  const wire = (a: Attribute): Record<string, unknown> => ({
    name: a.name,
    type: a.nested ? Buffer.alloc(0) : typeJson(a.type),
    description: a.description,
    description_kind: 1, // MARKDOWN
    required: a.required ?? false,
    optional: a.optional ?? false,
    computed: a.computed ?? false,
    sensitive: a.sensitive ?? false,
    write_only: a.writeOnly ?? false,
    ...(a.nested ? { nested_type: { attributes: a.nested.map(wire), nesting: 1 /* SINGLE */ } } : {}),
  });
  return {
    version: 0,
    block: { version: 0, attributes: attributes.map(wire), description, description_kind: 1 },
  };
}

export const PROVIDER_DOC =
  "Venice.ai API keys as declared infrastructure. The provider block names a Venice account: attributes set here win over the environment variables.";
export const RESOURCE_DOC =
  "A Venice API key. Its value (`key`) is sensitive: Venice returns it once, at creation, and it is kept in state. Import an existing key with `tofu import venice_api_key.<name> <id>` (its value stays unknown: use adopt_key_id with adopt_key_value to keep it).";
export const DATA_KEY_DOC = "Metadata of one Venice key by id (never its secret).";
export const DATA_KEYS_DOC =
  "The account's active keys, optionally those whose description starts with a prefix and/or of one type.";

export function providerSchema() {
  return {
    provider: block(PROVIDER_ATTRIBUTES, PROVIDER_DOC),
    resource_schemas: {
      [RESOURCE]: block(
        RESOURCE_ATTRIBUTES.map((a) => a.attribute),
        RESOURCE_DOC,
      ),
    },
    data_source_schemas: {
      [DATA_KEY]: block(DATA_KEY_ATTRIBUTES, DATA_KEY_DOC),
      [DATA_KEYS]: block(DATA_KEYS_ATTRIBUTES, DATA_KEYS_DOC),
    },
  };
}
