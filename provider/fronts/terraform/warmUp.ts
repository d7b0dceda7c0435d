import { DEFAULTS } from "../../../domain";
import { NO_ENGINE } from "../../core";
import { createAnswer, getAnswer, listAnswer } from "../../client/schemas";
import type { Callback, MethodDefinition } from "../shared/grpcServer";
import { protocolRegistry } from "./goPlugin";
import type { Diagnostic } from "./diagnostics";
import type { TerraformGuard } from "./guard";
import { RESOURCE, RESOURCE_ATTRIBUTES, RESOURCE_TYPE } from "./schema";
import { providerService, warmUpProtocol } from "./server";
import {
  decodeValue,
  encodeValue,
  isUnknown,
  settleCodecForSnapshot,
  type CtyType,
  type TfObject,
  type TfValue,
} from "./values";

/**
 * The calls tofu makes in every provider process, run once on made-up requests while the standalone's
 * start-up snapshot is built (snapshot.ts), so that their compiled code is in the heap each start resumes
 * from: V8 keeps the bytecode of every function that ran, zod keeps the parsers it compiles at a schema's
 * first use, and msgpack its codec. Without it each of tofu's 4-5 processes a command paid for that
 * again at its first calls: the first wave of an apply's creates was about 25 ms slower in its plan and
 * 30 ms in its apply than the later ones (tofu's trace, 100 keys at 80 ms).
 *
 * Only work that stays in the process runs: nothing reaches Venice (HTTP cannot be in a snapshot), no
 * handle is opened (the guard below watches nothing), and nothing read here (the environment, the clock)
 * is kept: the service made here is dropped, every start makes its own.
 */
const SNAPSHOT_GUARD: TerraformGuard = { ...NO_ENGINE, stop: () => undefined };

type Method = MethodDefinition & { requestSerialize(request: unknown): Buffer };
type Handler = (call: { request: unknown }, callback: Callback) => void;

/** A made-up key, as Venice's answers would carry it (the read-back after a create, a refresh). */
const KEY = {
  id: "00000000-0000-4000-8000-000000000000",
  apiKeyType: DEFAULTS.apiKeyType,
  description: "snapshot warm-up",
  createdAt: "2026-01-01T00:00:00.000Z",
  expiresAt: null,
  lastUsedAt: null,
  last6Chars: "abcdef",
  consumptionLimits: { usd: 10, diem: null, vcu: null },
  limitPeriod: DEFAULTS.limitPeriod,
  modelPrivacy: DEFAULTS.modelPrivacy,
};
/** A value of the type of an attribute a create plans as unknown, as apply would fill it in. */
const applied = (type: CtyType): TfValue =>
  type === "bool" ? false : type === "number" ? 0 : type === "string" ? KEY.createdAt : null;
const ATTRIBUTE_TYPES = new Map(RESOURCE_ATTRIBUTES.map(({ attribute }) => [attribute.name, attribute.type]));

export async function warmUpCalls(): Promise<void> {
  warmUpProtocol();
  settleCodecForSnapshot();
  const methods = protocolRegistry().service("tfplugin6.Provider") as unknown as Record<string, Method>;
  const service = providerService(SNAPSHOT_GUARD) as unknown as Record<string, Handler>;
  // Through the wire as tofu's calls come: the request's bytes decoded, the answer encoded.
  const call = async (name: string, request: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const method = methods[name]!;
    const decoded = method.requestDeserialize(method.requestSerialize(request));
    const answer = await new Promise<unknown>((resolve, reject) =>
      service[name]!({ request: decoded }, (err, res) => (err ? reject(err) : resolve(res))),
    );
    method.responseSerialize(answer as never);
    // A made-up request that fails would warm the error path instead, and the snapshot would hide it.
    const errors = ((answer as { diagnostics?: Diagnostic[] }).diagnostics ?? []).filter(
      (d) => d.severity === 1,
    );
    if (errors.length > 0)
      throw new Error(`warm-up ${name}: ${errors.map((d) => d.detail ?? d.summary).join("; ")}`);
    return answer as Record<string, unknown>;
  };
  const value = (object: TfObject | null) => ({ msgpack: encodeValue(RESOURCE_TYPE, object) });
  const capabilities = { write_only_attributes_allowed: true };

  await call("GetMetadata", {});
  await call("ValidateProviderConfig", {});
  const config: TfObject = {
    description: KEY.description,
    api_key_type: KEY.apiKeyType,
    consumption_limit: { usd: 10, diem: null },
  };
  await call("ValidateResourceConfig", {
    type_name: RESOURCE,
    config: value(config),
    client_capabilities: capabilities,
  });
  const created = await call("PlanResourceChange", {
    type_name: RESOURCE,
    prior_state: value(null),
    proposed_new_state: value(config),
    config: value(config),
    client_capabilities: capabilities,
  });
  // The planned state with apply's values in place of its unknowns: a key as state holds it.
  const prior = {
    ...(decodeValue(RESOURCE_TYPE, created.planned_state as { msgpack: Uint8Array }) as TfObject),
  };
  for (const [name, value] of Object.entries(prior))
    if (isUnknown(value)) prior[name] = applied(ATTRIBUTE_TYPES.get(name)!);
  const changed = { ...config, description: "snapshot warm-up, changed" };
  await call("PlanResourceChange", {
    type_name: RESOURCE,
    prior_state: value(prior),
    proposed_new_state: value(changed),
    config: value(changed),
    client_capabilities: capabilities,
  });
  await call("PlanResourceChange", {
    type_name: RESOURCE,
    prior_state: value(prior),
    proposed_new_state: value(null),
    config: value(null),
    client_capabilities: capabilities,
  });
  await call("UpgradeResourceState", {
    type_name: RESOURCE,
    raw_state: { json: Buffer.from(JSON.stringify(prior)) },
  });
  await call("ImportResourceState", { type_name: RESOURCE, id: KEY.id, client_capabilities: capabilities });
  // Venice's answers to a create, to the read-back after it and to a refresh's listing.
  createAnswer.parse({
    success: true,
    data: { ...KEY, apiKey: "VENICE_INFERENCE_KEY_snapshotwarmup", consumptionLimit: KEY.consumptionLimits },
  });
  getAnswer.parse({ data: KEY });
  listAnswer.parse({ object: "list", data: [KEY] });
}
