import { fieldRecord, type ApiKeyInputs, type ApiKeyOutputs } from "../../../domain";
import type { Lifecycle } from "../../core";
import { containsUnknown } from "../../core/unknown";
import { coreStateFrom, declarationFrom, tfStateFrom } from "./attributes";
import { attributePath, failureDiagnostics, warning, type Diagnostic } from "./diagnostics";
import { RESOURCE_ATTRIBUTES, snake } from "./schema";
import { isUnknown, UNKNOWN_VALUE, type TfObject, type TfValue } from "./values";

/**
 * `venice_api_key` over the lifecycle core. Terraform wants the whole planned state ahead of apply,
 * and every value the plan knows must come back from apply unchanged, so the plan is built here from
 * the core's diff: arguments as configured (or the core's default), stable computed values from state,
 * and unknown what an apply may change.
 */
export interface Planned {
  planned: TfObject | null;
  requiresReplace: Array<ReturnType<typeof attributePath>>;
  diagnostics: Diagnostic[];
}

/** Whether the client keeps write-only attributes out of plan and state (tofu and terraform 1.11 on). */
export type WriteOnly = boolean;

const COMPUTED = RESOURCE_ATTRIBUTES.filter(({ field }) => field === "id" || fieldRecord(field).computed);

/** The checked declaration of a configuration, or the diagnostics that say why it is not one. */
async function checked(
  lifecycle: Lifecycle,
  config: TfObject,
  prior: Partial<ApiKeyOutputs>,
): Promise<{ inputs: ApiKeyInputs } | { diagnostics: Diagnostic[] }> {
  const result = await lifecycle.check(prior as Record<string, unknown>, declarationFrom(config));
  if (result.failures) return { diagnostics: failureDiagnostics(result.failures) };
  return { inputs: result.inputs };
}

export async function validate(lifecycle: Lifecycle, config: TfObject): Promise<Diagnostic[]> {
  const result = await checked(lifecycle, config, {});
  return "diagnostics" in result ? result.diagnostics : [];
}

/** The planned value of each argument: as configured, else the core's (a default, a planned expiry). */
function plannedArguments(
  config: TfObject,
  target: ApiKeyInputs,
  writeOnly: WriteOnly,
  prior: TfObject | null,
): TfObject {
  const from = tfStateFrom("", target, [config, prior]);
  const planned: TfObject = {};
  for (const { field, attribute } of RESOURCE_ATTRIBUTES) {
    if (field === "id" || fieldRecord(field).computed) continue;
    const configured = config[attribute.name] ?? null;
    if (field === "adoptKeyValue") planned[attribute.name] = writeOnly ? null : configured;
    else if (configured !== null || !attribute.computed) planned[attribute.name] = configured;
    else
      planned[attribute.name] = containsUnknown((target as unknown as Record<string, unknown>)[field])
        ? UNKNOWN_VALUE
        : from[attribute.name]!;
  }
  return planned;
}

export async function plan(
  lifecycle: Lifecycle,
  prior: TfObject | null,
  proposed: TfObject | null,
  config: TfObject | null,
  writeOnly: WriteOnly,
): Promise<Planned> {
  if (proposed === null || config === null) return { planned: null, requiresReplace: [], diagnostics: [] };
  const priorCore = prior ? coreStateFrom(prior) : {};
  const declared = await checked(lifecycle, config, priorCore);
  if ("diagnostics" in declared)
    return { planned: null, requiresReplace: [], diagnostics: declared.diagnostics };
  const news = declared.inputs;
  const unknownComputed = (planned: TfObject) => {
    for (const { attribute } of COMPUTED) planned[attribute.name] = UNKNOWN_VALUE;
    // A key whose expiry comes from expire_after gets it at create; one without has none to compute.
    if (config.expires_at === null)
      planned.expires_at = news.expireAfter !== undefined ? UNKNOWN_VALUE : null;
    if (news.expireAfter === undefined) planned.issued_at = null;
    return planned;
  };

  if (prior === null) {
    return {
      planned: unknownComputed(plannedArguments(config, news, writeOnly, null)),
      requiresReplace: [],
      diagnostics: [],
    };
  }
  const id = String(prior.id);
  const diff = await lifecycle.diff(id, priorCore, news);
  if (diff.replaces.length > 0) {
    return {
      planned: unknownComputed(plannedArguments(config, news, writeOnly, null)),
      requiresReplace: diff.replaces.map((field) => attributePath(snake(field))),
      diagnostics: [],
    };
  }
  const planned = plannedArguments(config, diff.target, writeOnly, prior);
  for (const { field, attribute } of COMPUTED) {
    const mayChange = field !== "id" && fieldRecord(field).changesOnUpdate && diff.changes;
    planned[attribute.name] = mayChange ? UNKNOWN_VALUE : (prior[attribute.name] ?? null);
  }
  return { planned, requiresReplace: [], diagnostics: [] };
}

/** Apply: create, update or delete, returning the new state (null once deleted). */
export async function apply(
  lifecycle: Lifecycle,
  prior: TfObject | null,
  planned: TfObject | null,
  config: TfObject | null,
): Promise<{ state: TfObject | null; diagnostics: Diagnostic[] }> {
  if (planned === null) {
    if (prior !== null) await lifecycle.delete(String(prior.id), coreStateFrom(prior));
    return { state: null, diagnostics: [] };
  }
  const declaredConfig = config ?? planned;
  const priorCore = prior ? coreStateFrom(prior) : {};
  const declared = await checked(lifecycle, declaredConfig, priorCore);
  if ("diagnostics" in declared) return { state: null, diagnostics: declared.diagnostics };
  const adoptKeyValue = planned.adopt_key_value ?? null; // null where it is write-only
  if (prior === null) {
    const created = await lifecycle.create(declared.inputs);
    // Venice's create answer has no createdAt; one read of the key by id fills it in (a listing would carry
    // the whole account), so that the next refresh finds nothing changed.
    const read = await lifecycle.readOne(created.id, created.outs).catch(() => undefined);
    const outs = read ? { ...read.props, key: created.outs.key } : created.outs;
    const state = withAdoptValue(tfStateFrom(created.id, outs, [planned, declaredConfig]), adoptKeyValue);
    return { state, diagnostics: [] };
  }
  const id = String(prior.id);
  const { outs } = await lifecycle.update(id, priorCore as ApiKeyOutputs, declared.inputs);
  return {
    state: withAdoptValue(tfStateFrom(id, outs, [planned, declaredConfig, prior]), adoptKeyValue),
    diagnostics: [],
  };
}

const withAdoptValue = (state: TfObject, value: TfValue) => ({
  ...state,
  adopt_key_value: isUnknown(value) ? null : value,
});

/** Refresh: Venice's view of the key, or null when it is gone (deleted or expired). */
export async function read(lifecycle: Lifecycle, current: TfObject | null): Promise<TfObject | null> {
  if (current === null) return null;
  const id = String(current.id);
  const result = await lifecycle.read(id, coreStateFrom(current));
  if (!result) return null;
  return withAdoptValue(tfStateFrom(id, result.props, [current]), current.adopt_key_value ?? null);
}

export const IMPORTED_SECRET = warning(
  "The imported key's secret is unknown",
  "Venice returns a key's value only when it is created, so `key` stays null for an imported key. To have " +
    "it, declare the key with adopt_key_id and adopt_key_value (its secret) instead of importing it.",
);

/** Import: the id alone; tofu then reads the key, which fills in the rest. */
export function importState(id: string): TfObject {
  const state: TfObject = {};
  for (const { attribute } of RESOURCE_ATTRIBUTES) state[attribute.name] = null;
  state.id = id;
  state.expired = false;
  state.ready_for_rotation = false;
  return state;
}
