import { z } from "zod";
import type { EmulatorContext } from "../context";
import { faultRuleSchema } from "../faults";
import { error, json, type Reply } from "../http";
import type { KeyRecord } from "../store";
import { keyTypeSchema, periodSchema, privacySchema } from "../validation";
import { readView } from "../wire";

/**
 * The /_emulator control API: what a person does in Venice's dashboard (out-of-band edits), plus the
 * levers a test needs (clock, faults, request log, limits, reset). Same admin bearer as the API.
 */
const isoOrNull = z.union([z.iso.datetime(), z.null()]);
const amount = z.number().min(0).nullable();

const outOfBandChange = z.strictObject({
  description: z.string().optional(),
  apiKeyType: keyTypeSchema.optional(),
  expiresAt: isoOrNull.optional(),
  lastUsedAt: isoOrNull.optional(),
  consumptionLimits: z
    .strictObject({ usd: amount.optional(), diem: amount.optional(), vcu: amount.optional() })
    .optional(),
  limitPeriod: periodSchema.optional(),
  modelPrivacy: privacySchema.optional(),
});

const clockChange = z.union([
  z.strictObject({ advanceMs: z.number().int() }),
  z.strictObject({ set: z.iso.datetime() }),
]);

const configChange = z.strictObject({
  limits: z
    .strictObject({
      creationsPerWindow: z.number().int().positive().optional(),
      creationWindowMs: z.number().int().positive().optional(),
      maxActiveKeys: z.number().int().nonnegative().optional(),
      errorBudget: z.number().int().nonnegative().optional(),
      errorBudgetWindowMs: z.number().int().positive().optional(),
    })
    .optional(),
  behaviour: z
    .strictObject({
      notFoundStatus: z.union([z.literal(400), z.literal(404)]).optional(),
      dateOnlyExpiresAt: z.enum(["start-of-day", "end-of-day"]).optional(),
      pastExpiresAt: z.enum(["reject", "accept"]).optional(),
      partialLimitUpdate: z.enum(["merge", "replace"]).optional(),
      resetHeaderUnit: z.enum(["seconds", "milliseconds"]).optional(),
    })
    .optional(),
});

function adminView(ctx: EmulatorContext, r: KeyRecord): Record<string, unknown> {
  const state = r.deletedAt !== null ? "deleted" : ctx.store.isActive(r) ? "active" : "expired";
  return { ...readView(r, false), state, deletedAt: r.deletedAt };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | { ok: false; reply: Reply } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, reply: json(400, { error: "Invalid control request", issues: parsed.error.issues }) };
}

export function routeControl(ctx: EmulatorContext, method: string, path: string, body: unknown): Reply {
  if (path === "/keys" && method === "GET") {
    return json(200, { data: ctx.store.all().map((r) => adminView(ctx, r)) });
  }
  const keyMatch = /^\/keys\/([^/]+)(\/expire)?$/.exec(path);
  if (keyMatch) {
    const record = ctx.store.find(keyMatch[1]!);
    if (!record || record.deletedAt !== null) return error(404, "No such key");
    if (keyMatch[2] && method === "POST") {
      const past = new Date(ctx.clock.now().getTime() - 1000).toISOString();
      return json(200, { data: adminView(ctx, ctx.store.update(record.id, { expiresAt: past })!) });
    }
    if (!keyMatch[2] && method === "PATCH") {
      const change = parse(outOfBandChange, body);
      if (!change.ok) return change.reply;
      const { consumptionLimits, ...rest } = change.value;
      const next: Partial<KeyRecord> = { ...rest };
      if (consumptionLimits) next.consumptionLimits = { ...record.consumptionLimits, ...consumptionLimits };
      return json(200, { data: adminView(ctx, ctx.store.update(record.id, next)!) });
    }
    if (!keyMatch[2] && method === "DELETE") {
      ctx.store.update(record.id, { deletedAt: ctx.clock.now().toISOString() });
      return json(200, { success: true });
    }
  }
  if (path === "/clock") {
    if (method === "GET") return json(200, { now: ctx.clock.now().toISOString() });
    if (method === "POST") {
      const change = parse(clockChange, body);
      if (!change.ok) return change.reply;
      const clock = ctx.clock as { advance?: (ms: number) => Date; set?: (d: Date) => Date };
      if (!clock.advance || !clock.set) return error(409, "This emulator runs with a fixed external clock");
      const now =
        "advanceMs" in change.value
          ? clock.advance(change.value.advanceMs)
          : clock.set(new Date(change.value.set));
      return json(200, { now: now.toISOString() });
    }
  }
  if (path === "/faults") {
    if (method === "GET") return json(200, { data: ctx.faults.list() });
    if (method === "DELETE") {
      ctx.faults.clear();
      return json(200, { success: true });
    }
    if (method === "POST") {
      const rules = parse(z.strictObject({ rules: z.array(faultRuleSchema) }), body);
      if (!rules.ok) return rules.reply;
      ctx.faults.add(rules.value.rules);
      return json(200, { data: ctx.faults.list() });
    }
  }
  if (path === "/requests") {
    if (method === "GET") return json(200, { data: ctx.requests.list() });
    if (method === "DELETE") {
      ctx.requests.clear();
      return json(200, { success: true });
    }
  }
  if (path === "/config") {
    if (method === "GET") return json(200, { limits: ctx.limits, behaviour: ctx.behaviour });
    if (method === "PATCH") {
      const change = parse(configChange, body);
      if (!change.ok) return change.reply;
      Object.assign(ctx.limits, change.value.limits);
      Object.assign(ctx.behaviour, change.value.behaviour);
      return json(200, { limits: ctx.limits, behaviour: ctx.behaviour });
    }
  }
  if (path === "/reset" && method === "POST") {
    ctx.store.reset();
    ctx.faults.clear();
    ctx.requests.clear();
    ctx.creations.reset();
    ctx.errorBudget.reset();
    ctx.breaches.length = 0;
    return json(200, { success: true });
  }
  return error(404, "No such control route");
}
