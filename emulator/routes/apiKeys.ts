import type { IncomingMessage } from "node:http";
import { isAdmin, type Caller } from "../auth";
import type { EmulatorContext } from "../context";
import { error, json, parseJsonBody, type Reply } from "../http";
import type { Caps, KeyRecord } from "../store";
import { createBody, detailedError, singleIssue, toExpiry, updateBody } from "../validation";
import { createdView, readView } from "../wire";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ApiRequest {
  req: IncomingMessage;
  method: string;
  /** Path below /api/v1, without the query string. */
  path: string;
  query: URLSearchParams;
  rawBody: string;
  caller: Caller;
}

function caps(input: Partial<Caps> | undefined, base: Caps): Caps {
  return {
    usd: input?.usd === undefined ? base.usd : input.usd,
    diem: input?.diem === undefined ? base.diem : input.diem,
    vcu: input?.vcu === undefined ? base.vcu : input.vcu,
  };
}

const NO_CAPS: Caps = { usd: null, diem: null, vcu: null };

function isPast(ctx: EmulatorContext, expiry: string | null): boolean {
  return expiry !== null && Date.parse(expiry) <= ctx.clock.now().getTime();
}

function create(ctx: EmulatorContext, r: ApiRequest): Reply {
  const body = parseJsonBody(r.req, r.rawBody, true);
  if (body.kind === "invalid") return body.reply;
  const parsed = createBody.safeParse(body.kind === "json" ? body.value : undefined);
  if (!parsed.success) return json(400, detailedError(parsed.error));
  const input = parsed.data;
  const expiresAt = toExpiry(input.expiresAt, ctx.behaviour.dateOnlyExpiresAt);
  if (ctx.behaviour.pastExpiresAt === "reject" && isPast(ctx, expiresAt)) {
    return json(400, singleIssue("expiresAt", "expiresAt must be in the future"));
  }
  if (ctx.store.active().length >= ctx.limits.maxActiveKeys) {
    return error(400, `Maximum number of active API keys (${ctx.limits.maxActiveKeys}) reached`);
  }
  const slot = ctx.creations.tryTake();
  if (!slot.ok) {
    ctx.breaches.push({
      apiKeyId: r.caller.kind === "key" ? r.caller.record.id : null,
      modelId: null,
      rateLimitTier: "api_keys",
      rateLimitType: "RPM",
      timestamp: ctx.clock.now().toISOString(),
    });
    const resetAt =
      ctx.behaviour.resetHeaderUnit === "milliseconds" ? slot.resetAt : Math.ceil(slot.resetAt / 1000);
    return error(429, "Rate limit exceeded", {
      "x-ratelimit-limit-requests": String(ctx.limits.creationsPerWindow),
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-requests": String(resetAt),
    });
  }
  const record = ctx.store.create({
    apiKeyType: input.apiKeyType,
    description: input.description,
    expiresAt,
    consumptionLimits: caps(input.consumptionLimit, NO_CAPS),
    limitPeriod: input.limitPeriod ?? "EPOCH",
    modelPrivacy: input.modelPrivacy ?? "ALL",
  });
  return json(200, { success: true, data: createdView(record) });
}

function update(ctx: EmulatorContext, r: ApiRequest): Reply {
  const body = parseJsonBody(r.req, r.rawBody, true);
  if (body.kind === "invalid") return body.reply;
  const parsed = updateBody.safeParse(body.kind === "json" ? body.value : undefined);
  if (!parsed.success) return json(400, detailedError(parsed.error));
  const input = parsed.data;
  const record = ctx.store.findActive(input.id);
  if (!record) return error(400, "API key not found or expired");
  const change: Partial<KeyRecord> = {};
  if (input.description !== undefined) change.description = input.description;
  if (input.expiresAt !== undefined) {
    const expiresAt = toExpiry(input.expiresAt, ctx.behaviour.dateOnlyExpiresAt);
    if (ctx.behaviour.pastExpiresAt === "reject" && isPast(ctx, expiresAt)) {
      return json(400, singleIssue("expiresAt", "expiresAt must be in the future"));
    }
    change.expiresAt = expiresAt;
  }
  if (input.consumptionLimit !== undefined) {
    const base = ctx.behaviour.partialLimitUpdate === "merge" ? record.consumptionLimits : NO_CAPS;
    change.consumptionLimits = caps(input.consumptionLimit, base);
  }
  if (input.limitPeriod !== undefined) change.limitPeriod = input.limitPeriod;
  if (input.modelPrivacy !== undefined) change.modelPrivacy = input.modelPrivacy;
  const updated = ctx.store.update(record.id, change)!;
  return json(200, { success: true, data: readView(updated, false) });
}

function remove(ctx: EmulatorContext, r: ApiRequest, pathId: string | undefined): Reply {
  let id = pathId ?? r.query.get("id") ?? undefined;
  if (id === undefined) {
    const body = parseJsonBody(r.req, r.rawBody, false);
    if (body.kind === "invalid") return body.reply;
    if (body.kind === "json" && typeof body.value === "object" && body.value !== null) {
      const candidate = (body.value as Record<string, unknown>).id;
      if (typeof candidate === "string") id = candidate;
    }
  }
  if (id === undefined) return json(400, singleIssue("id", "id is required"));
  if (!ctx.store.delete(id)) return error(400, "API key could not be found");
  return json(200, { success: true });
}

function getOne(ctx: EmulatorContext, id: string): Reply {
  const record = UUID.test(id) ? ctx.store.findActive(id) : undefined;
  if (!record) return error(ctx.behaviour.notFoundStatus, "API key not found");
  return json(200, { data: readView(record, true) });
}

function nextEpoch(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString();
}

function rateLimits(ctx: EmulatorContext, caller: Caller): Reply {
  return json(200, {
    data: {
      accessPermitted: true,
      apiTier: { id: "paid", isCharged: true },
      balances: { USD: 100, DIEM: 10 },
      keyExpiration: caller.kind === "key" ? caller.record.expiresAt : null,
      nextEpochBegins: nextEpoch(ctx.clock.now()),
      rateLimits: [
        {
          apiModelId: "venice-uncensored",
          rateLimits: [
            { amount: 500, type: "RPM" },
            { amount: 100000, type: "RPD" },
            { amount: 1000000, type: "TPM" },
          ],
        },
      ],
    },
  });
}

/** Routes below /api/v1. Returns undefined when no route matches. */
export function routeApiKeys(ctx: EmulatorContext, r: ApiRequest): Reply | undefined {
  const { method, path, caller } = r;
  if (path === "/api_keys/rate_limits" && method === "GET") return rateLimits(ctx, caller);

  const adminRoute = path === "/api_keys" || path.startsWith("/api_keys/") || path.startsWith("/billing/");
  if (!adminRoute) return undefined;
  if (!isAdmin(caller)) return error(401, "Admin API key required");

  if (path === "/api_keys/rate_limits/log" && method === "GET") {
    return json(200, { object: "list", data: ctx.breaches.slice(-50) });
  }
  if (path === "/api_keys") {
    if (method === "GET")
      return json(200, { object: "list", data: ctx.store.active().map((k) => readView(k, true)) });
    if (method === "POST") return create(ctx, r);
    if (method === "PATCH") return update(ctx, r);
    if (method === "DELETE") return remove(ctx, r, undefined);
    return error(405, "Method not allowed");
  }
  const idMatch = /^\/api_keys\/([^/]+)$/.exec(path);
  if (idMatch) {
    const id = decodeURIComponent(idMatch[1]!);
    if (method === "GET") return getOne(ctx, id);
    if (method === "DELETE") return remove(ctx, r, id);
    return error(405, "Method not allowed");
  }
  return undefined;
}
