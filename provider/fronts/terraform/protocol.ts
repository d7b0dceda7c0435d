import type { Namespace as INamespace } from "./protobuf";

/**
 * The part of Terraform's plugin protocol 6 (tfplugin6, as of protocol 6.10) and of go-plugin's own
 * services that this provider serves, as a protobuf JSON descriptor: messages and field numbers as the
 * protocol defines them, only those we use. Loading a descriptor costs a fraction of parsing .proto
 * text, and the provider is started afresh several times per tofu command. A method left out here is
 * answered UNIMPLEMENTED (shared/grpcServer.ts), which tofu accepts for everything we do not serve (identity,
 * ephemeral resources, functions, actions, state stores).
 */
/** The Provider methods served; every other one is answered UNIMPLEMENTED. */
export const PROVIDER_METHODS = [
  "GetMetadata",
  "GetProviderSchema",
  "ValidateProviderConfig",
  "ValidateResourceConfig",
  "ValidateDataResourceConfig",
  "UpgradeResourceState",
  "ConfigureProvider",
  "ReadResource",
  "PlanResourceChange",
  "ApplyResourceChange",
  "ImportResourceState",
  "ReadDataSource",
  "StopProvider",
] as const;

type Fields = Record<string, string | [string, "repeated" | "map", string?]>;

/** `{ name: "type" }` with field numbers in the order given, or explicit `name: "type@7"`. */
function message(fields: Fields, nested?: Record<string, INamespace>): INamespace {
  let next = 1;
  const out: Record<string, { type: string; id: number; rule?: string; keyType?: string }> = {};
  for (const [name, spec] of Object.entries(fields)) {
    const [raw, rule, keyType] = typeof spec === "string" ? [spec, undefined, undefined] : spec;
    const [type, id] = raw.split("@") as [string, string | undefined];
    const fieldId = id ? Number(id) : next;
    next = fieldId + 1;
    out[name] =
      rule === "map"
        ? { type, id: fieldId, keyType: keyType ?? "string" }
        : { type, id: fieldId, ...(rule ? { rule } : {}) };
  }
  return { fields: out, ...(nested ? { nested } : {}) } as INamespace;
}
const rpc = (name: string) => ({ requestType: `${name}.Request`, responseType: `${name}.Response` });
const requestResponse = (request: Fields, response: Fields, nested?: Record<string, INamespace>) => ({
  nested: { Request: message(request), Response: message(response), ...nested },
});
const DIAGNOSTICS: Fields = { diagnostics: ["Diagnostic", "repeated"] };

const tfplugin6: INamespace = {
  nested: {
    DynamicValue: message({ msgpack: "bytes", json: "bytes" }),
    Diagnostic: {
      ...message({ severity: "Severity", summary: "string", detail: "string", attribute: "AttributePath" }),
      nested: { Severity: { values: { INVALID: 0, ERROR: 1, WARNING: 2 } } },
    } as INamespace,
    AttributePath: message(
      { steps: ["Step", "repeated"] },
      {
        Step: {
          oneofs: { selector: { oneof: ["attribute_name", "element_key_string", "element_key_int"] } },
          ...message({ attribute_name: "string", element_key_string: "string", element_key_int: "int64" }),
        } as INamespace,
      },
    ),
    RawState: message({ json: "bytes", flatmap: ["string", "map"] }),
    StringKind: { values: { PLAIN: 0, MARKDOWN: 1 } } as INamespace,
    Schema: message(
      { version: "int64", block: "Block" },
      {
        Block: message({
          version: "int64",
          attributes: ["Attribute", "repeated"],
          block_types: ["NestedBlock", "repeated"],
          description: "string",
          description_kind: "StringKind",
          deprecated: "bool",
        }),
        Attribute: message({
          name: "string",
          type: "bytes",
          description: "string",
          required: "bool",
          optional: "bool",
          computed: "bool",
          sensitive: "bool",
          description_kind: "StringKind",
          deprecated: "bool",
          nested_type: "Object@10",
          write_only: "bool@11",
        }),
        NestedBlock: message({
          type_name: "string",
          block: "Block",
          nesting: "int32",
          min_items: "int64",
          max_items: "int64",
        }),
        Object: message(
          { attributes: ["Attribute", "repeated"], nesting: "NestingMode@3" },
          {
            NestingMode: { values: { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4 } } as INamespace,
          },
        ),
      },
    ),
    ServerCapabilities: message({
      plan_destroy: "bool",
      get_provider_schema_optional: "bool",
      move_resource_state: "bool",
    }),
    ClientCapabilities: message({ deferral_allowed: "bool", write_only_attributes_allowed: "bool" }),
    GetMetadata: requestResponse(
      {},
      {
        server_capabilities: "ServerCapabilities",
        ...DIAGNOSTICS,
        data_sources: ["TypeName", "repeated"],
        resources: ["TypeName", "repeated"],
      },
      { TypeName: message({ type_name: "string" }) },
    ),
    GetProviderSchema: requestResponse(
      {},
      {
        provider: "Schema",
        resource_schemas: ["Schema", "map"],
        data_source_schemas: ["Schema", "map"],
        ...DIAGNOSTICS,
        provider_meta: "Schema",
        server_capabilities: "ServerCapabilities",
      },
    ),
    ValidateProviderConfig: requestResponse(
      { config: "DynamicValue" },
      { diagnostics: ["Diagnostic@2", "repeated"] },
    ),
    ValidateResourceConfig: requestResponse(
      { type_name: "string", config: "DynamicValue", client_capabilities: "ClientCapabilities" },
      DIAGNOSTICS,
    ),
    ValidateDataResourceConfig: requestResponse({ type_name: "string", config: "DynamicValue" }, DIAGNOSTICS),
    UpgradeResourceState: requestResponse(
      { type_name: "string", version: "int64", raw_state: "RawState" },
      { upgraded_state: "DynamicValue", ...DIAGNOSTICS },
    ),
    ConfigureProvider: requestResponse(
      { terraform_version: "string", config: "DynamicValue", client_capabilities: "ClientCapabilities" },
      DIAGNOSTICS,
    ),
    ReadResource: requestResponse(
      {
        type_name: "string",
        current_state: "DynamicValue",
        private: "bytes",
        provider_meta: "DynamicValue",
        client_capabilities: "ClientCapabilities",
      },
      { new_state: "DynamicValue", ...DIAGNOSTICS, private: "bytes" },
    ),
    PlanResourceChange: requestResponse(
      {
        type_name: "string",
        prior_state: "DynamicValue",
        proposed_new_state: "DynamicValue",
        config: "DynamicValue",
        prior_private: "bytes",
        provider_meta: "DynamicValue",
        client_capabilities: "ClientCapabilities",
      },
      {
        planned_state: "DynamicValue",
        requires_replace: ["AttributePath", "repeated"],
        planned_private: "bytes",
        ...DIAGNOSTICS,
      },
    ),
    ApplyResourceChange: requestResponse(
      {
        type_name: "string",
        prior_state: "DynamicValue",
        planned_state: "DynamicValue",
        config: "DynamicValue",
        planned_private: "bytes",
        provider_meta: "DynamicValue",
      },
      { new_state: "DynamicValue", private: "bytes", ...DIAGNOSTICS },
    ),
    ImportResourceState: requestResponse(
      { type_name: "string", id: "string", client_capabilities: "ClientCapabilities" },
      { imported_resources: ["ImportedResource", "repeated"], ...DIAGNOSTICS },
      { ImportedResource: message({ type_name: "string", state: "DynamicValue", private: "bytes" }) },
    ),
    ReadDataSource: requestResponse(
      {
        type_name: "string",
        config: "DynamicValue",
        provider_meta: "DynamicValue",
        client_capabilities: "ClientCapabilities",
      },
      { state: "DynamicValue", ...DIAGNOSTICS },
    ),
    StopProvider: requestResponse({}, { Error: "string" }),
    Provider: {
      methods: Object.fromEntries(PROVIDER_METHODS.map((name) => [name, rpc(name)])),
    } as INamespace,
  },
};

/** go-plugin's services on the same server: shutdown, the plugin's stdout/stderr, the (unused) broker. */
const plugin: INamespace = {
  nested: {
    Empty: message({}),
    StdioData: {
      ...message({ channel: "Channel", data: "bytes" }),
      nested: { Channel: { values: { INVALID: 0, STDOUT: 1, STDERR: 2 } } },
    } as INamespace,
    ConnInfo: message({ service_id: "uint32", network: "string", address: "string" }),
    GRPCController: { methods: { Shutdown: { requestType: "Empty", responseType: "Empty" } } } as INamespace,
    GRPCStdio: {
      methods: {
        StreamStdio: {
          requestType: "google.protobuf.Empty",
          responseType: "StdioData",
          responseStream: true,
        },
      },
    } as INamespace,
    GRPCBroker: {
      methods: {
        StartStream: {
          requestType: "ConnInfo",
          responseType: "ConnInfo",
          requestStream: true,
          responseStream: true,
        },
      },
    } as INamespace,
  },
};

/** go-plugin's health check (its Ping). */
const health: INamespace = {
  nested: {
    v1: {
      nested: {
        HealthCheckRequest: message({ service: "string" }),
        HealthCheckResponse: {
          ...message({ status: "ServingStatus" }),
          nested: { ServingStatus: { values: { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2 } } },
        } as INamespace,
        Health: {
          methods: { Check: { requestType: "HealthCheckRequest", responseType: "HealthCheckResponse" } },
        } as INamespace,
      },
    },
  },
};

export const PROTOCOL: INamespace = {
  nested: {
    tfplugin6,
    plugin,
    grpc: { nested: { health } },
    google: { nested: { protobuf: { nested: { Empty: message({}) } } } },
  },
};
