import { createLifecycle, type ConfigSource, SETTINGS } from "../../core";
import { preparePluginHttp } from "../shared/pluginRuntime";
import { afterAnswer, type ServiceDefinition } from "../shared/grpcServer";
import { readKey, readKeys } from "./dataSources";
import { errorDiagnostic, type Diagnostic } from "./diagnostics";
import { protocolRegistry } from "./goPlugin";
import { terraformGuard, type TerraformGuard } from "./guard";
import { apply, importState, IMPORTED_SECRET, plan, read, validate } from "./resource";
import {
  DATA_KEY,
  DATA_KEY_TYPE,
  DATA_KEYS,
  DATA_KEYS_TYPE,
  PROVIDER_TYPE,
  providerSchema,
  RESOURCE,
  RESOURCE_TYPE,
  snake,
} from "./schema";
import { decodeValue, encodeValue, isUnknown, type CtyType, type TfObject } from "./values";

/**
 * The tfplugin6 Provider service: each RPC decodes its values, calls the lifecycle core (one per
 * provider process, which is one per provider configuration: tofu starts a process for each), and
 * encodes the answer. Failures are diagnostics, never gRPC errors (those show as "Plugin error").
 * Request and response objects are the protocol's messages with its own field names.
 */
type Dynamic = { msgpack?: Uint8Array; json?: Uint8Array } | null;
type Capabilities = { write_only_attributes_allowed?: boolean } | null;
interface Req {
  type_name?: string;
  config?: Dynamic;
  prior_state?: Dynamic;
  proposed_new_state?: Dynamic;
  planned_state?: Dynamic;
  current_state?: Dynamic;
  client_capabilities?: Capabilities;
  raw_state?: { json?: Uint8Array } | null;
  id?: string;
}
type Res = Record<string, unknown> & { diagnostics?: Diagnostic[] };

const SERVER_CAPABILITIES = {
  plan_destroy: false,
  get_provider_schema_optional: true,
  move_resource_state: false,
};
/**
 * The GetProviderSchema answer: the same for every call of every process, so frozen, which the protocol
 * registry takes as "encode once" (see protobuf.ts); the standalone's snapshot holds it encoded.
 */
const SCHEMA_ANSWER = Object.freeze({ ...providerSchema(), server_capabilities: SERVER_CAPABILITIES });

/**
 * Work each start would repeat, done once while the standalone's start-up snapshot is built: the
 * protocol's services, the schema answer's bytes, and the compiled code of both (snapshot.ts).
 */
export function warmUpProtocol(): void {
  const provider = protocolRegistry().service("tfplugin6.Provider") as unknown as ServiceDefinition;
  provider.GetProviderSchema!.responseSerialize(SCHEMA_ANSWER as never);
  for (const method of Object.values(provider)) method.requestDeserialize(Buffer.alloc(0));
}

const object = (type: CtyType, value: Dynamic | undefined) => decodeValue(type, value) as TfObject | null;
const dynamic = (type: CtyType, value: unknown) => ({ msgpack: encodeValue(type, value) });

function unary(work: (req: Req) => Promise<Res>) {
  return (call: { request: Req }, callback: (err: Error | null, res?: Res) => void) => {
    work(call.request).then(
      (res) => callback(null, res),
      (err: unknown) => callback(null, { diagnostics: [errorDiagnostic(err)] }),
    );
  };
}

function requireType(name: string | undefined, ...known: string[]): void {
  if (!known.includes(name ?? "")) throw new Error(`the venice provider has no type ${name}`);
}

/** The provider block's attributes as the settings module reads them (`venice:<config name>`). */
function configSource(config: TfObject | null): ConfigSource {
  const names = new Set(Object.values(SETTINGS).map((s) => s.config as string));
  return {
    get(key) {
      const name = key.replace(/^venice:/, "");
      const value = names.has(name) ? config?.[snake(name)] : undefined;
      return value === null || value === undefined || isUnknown(value) ? undefined : String(value);
    },
  };
}

export function providerService(guard: TerraformGuard = terraformGuard()) {
  // Attributes set in the provider block win over the environment (Terraform's convention).
  const lifecycle = createLifecycle({ guard, precedence: "config-first" });
  const writeOnly = (req: Req) => req.client_capabilities?.write_only_attributes_allowed === true;

  return {
    GetMetadata: unary(async () => ({
      server_capabilities: SERVER_CAPABILITIES,
      resources: [{ type_name: RESOURCE }],
      data_sources: [{ type_name: DATA_KEY }, { type_name: DATA_KEYS }],
    })),
    GetProviderSchema: unary(async () => SCHEMA_ANSWER),
    ValidateProviderConfig: unary(async () => ({ diagnostics: [] })),
    ValidateResourceConfig: unary(async (req) => {
      requireType(req.type_name, RESOURCE);
      const config = object(RESOURCE_TYPE, req.config);
      return { diagnostics: config ? await validate(lifecycle, config) : [] };
    }),
    ValidateDataResourceConfig: unary(async (req) => {
      requireType(req.type_name, DATA_KEY, DATA_KEYS);
      return { diagnostics: [] };
    }),
    UpgradeResourceState: unary(async (req) => {
      requireType(req.type_name, RESOURCE);
      // Version 0 is the only one so far: the stored state is reshaped to today's attributes.
      const state = decodeValue(RESOURCE_TYPE, { json: req.raw_state?.json });
      return { upgraded_state: dynamic(RESOURCE_TYPE, state) };
    }),
    // Reads and writes of keys follow a configure, after a pause on tofu's side: HTTP is loaded then,
    // once the answer is out (loaded before, it held the answer back by about 7 ms).
    ConfigureProvider: afterAnswer(
      unary(async (req) => {
        lifecycle.configure({
          config: configSource(object(PROVIDER_TYPE, req.config)),
          precedence: "config-first",
        });
        return { diagnostics: [] };
      }),
      () => void preparePluginHttp(),
    ),
    ReadResource: unary(async (req) => {
      requireType(req.type_name, RESOURCE);
      const state = await read(lifecycle, object(RESOURCE_TYPE, req.current_state));
      return { new_state: dynamic(RESOURCE_TYPE, state) };
    }),
    PlanResourceChange: unary(async (req) => {
      requireType(req.type_name, RESOURCE);
      const result = await plan(
        lifecycle,
        object(RESOURCE_TYPE, req.prior_state),
        object(RESOURCE_TYPE, req.proposed_new_state),
        object(RESOURCE_TYPE, req.config),
        writeOnly(req),
      );
      if (result.diagnostics.length > 0) return { diagnostics: result.diagnostics };
      return {
        planned_state: dynamic(RESOURCE_TYPE, result.planned),
        requires_replace: result.requiresReplace,
      };
    }),
    ApplyResourceChange: unary(async (req) => {
      requireType(req.type_name, RESOURCE);
      const prior = object(RESOURCE_TYPE, req.prior_state);
      try {
        const result = await apply(
          lifecycle,
          prior,
          object(RESOURCE_TYPE, req.planned_state),
          object(RESOURCE_TYPE, req.config),
        );
        return { new_state: dynamic(RESOURCE_TYPE, result.state), diagnostics: result.diagnostics };
      } catch (err) {
        // A failed update or delete leaves the key as it was: the prior state stays.
        return { new_state: dynamic(RESOURCE_TYPE, prior), diagnostics: [errorDiagnostic(err)] };
      }
    }),
    ImportResourceState: unary(async (req) => {
      requireType(req.type_name, RESOURCE);
      return {
        imported_resources: [
          { type_name: RESOURCE, state: dynamic(RESOURCE_TYPE, importState(String(req.id))) },
        ],
        diagnostics: [IMPORTED_SECRET],
      };
    }),
    ReadDataSource: unary(async (req) => {
      requireType(req.type_name, DATA_KEY, DATA_KEYS);
      const type = req.type_name === DATA_KEY ? DATA_KEY_TYPE : DATA_KEYS_TYPE;
      const config = object(type, req.config) ?? {};
      const state =
        req.type_name === DATA_KEY ? await readKey(lifecycle, config) : await readKeys(lifecycle, config);
      return { state: dynamic(type, state) };
    }),
    StopProvider: unary(async () => {
      guard.stop();
      return { Error: "" };
    }),
  };
}
