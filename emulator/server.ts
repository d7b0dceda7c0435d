import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate, bearer } from "./auth";
import { VirtualClock, type Clock } from "./clock";
import type { EmulatorContext } from "./context";
import { FaultPlan, type FaultAction } from "./faults";
import { error, readBody, type Reply } from "./http";
import { CreationLimiter, ErrorBudget } from "./limits";
import { DEFAULT_BEHAVIOUR, DEFAULT_LIMITS, type EmulatorOptions } from "./options";
import { RequestLog, type LoggedRequest } from "./requestLog";
import { routeApiKeys } from "./routes/apiKeys";
import { routeControl } from "./routes/control";
import { KeyStore } from "./store";

const API_PREFIX = "/api/v1";
const CONTROL_PREFIX = "/_emulator";

export interface RunningEmulator {
  /** Base URL of the emulated API, e.g. http://127.0.0.1:8787/api/v1 */
  url: string;
  /** Root of the control API, e.g. http://127.0.0.1:8787/_emulator */
  controlUrl: string;
  port: number;
  adminKey: string;
  /** Where the admin key came from: the option, the environment, or generated. */
  adminKeySource: "option" | "environment" | "generated";
  clock: Clock;
  close(): Promise<void>;
}

function generatedAdminKey(): string {
  return `VENICE_ADMIN_KEY_${randomBytes(32).toString("base64url").slice(0, 42)}`;
}

/** The answer's Date header follows the emulator's clock, as Venice's follows Venice's. */
function send(res: ServerResponse, clock: Clock, reply: Reply): void {
  const headers: Record<string, string> = { date: clock.now().toUTCString(), ...reply.headers };
  const body = reply.body === undefined ? "" : JSON.stringify(reply.body);
  if (body) headers["content-type"] = "application/json";
  res.writeHead(reply.status, headers);
  res.end(body);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function faultReply(action: Extract<FaultAction, { type: "status" }>): Reply {
  const headers: Record<string, string> = {};
  if (action.retryAfterSeconds !== undefined) headers["retry-after"] = String(action.retryAfterSeconds);
  const fallback = action.status === 429 ? "Rate limit exceeded" : "Internal server error";
  return { status: action.status, body: action.body ?? { error: fallback }, headers };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = options.clock ?? new VirtualClock();
  const envKey = process.env.VENICE_EMULATOR_ADMIN_KEY || undefined;
  const adminKey = options.adminKey ?? envKey ?? generatedAdminKey();
  const adminKeySource = options.adminKey ? "option" : envKey ? "environment" : "generated";
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const ctx: EmulatorContext = {
    adminKey,
    clock,
    store: new KeyStore(clock, options.stateFile),
    limits,
    behaviour: { ...DEFAULT_BEHAVIOUR, ...options.behaviour },
    creations: new CreationLimiter(clock, limits),
    errorBudget: new ErrorBudget(clock, limits),
    faults: new FaultPlan(),
    requests: new RequestLog(),
    breaches: [],
  };
  const controlEnabled = options.control ?? true;

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const raw = await readBody(req);
    if (bearer(req) !== adminKey) return send(res, clock, error(401, "Authentication failed"));
    let body: unknown;
    try {
      body = raw ? (JSON.parse(raw) as unknown) : undefined;
    } catch {
      return send(res, clock, error(400, "Invalid JSON request"));
    }
    send(res, clock, routeControl(ctx, req.method ?? "GET", path, body));
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) {
    const method = req.method ?? "GET";
    const started = performance.now();
    const log = (status: LoggedRequest["status"]) =>
      ctx.requests.add({
        at: clock.now().toISOString(),
        method,
        path,
        status,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      });

    const actions = ctx.faults.take(method, path);
    const rawBody = await readBody(req);
    // Latency models delay before the request reaches Venice's handler (network, queueing): a client
    // that gives up meanwhile closes the connection, and the request is never applied. A change that
    // is applied but never answered is the separate commit-then-drop fault.
    for (const action of actions) if (action.type === "latency") await sleep(action.ms);
    if (req.socket.destroyed) {
      log("abandoned");
      return;
    }
    const terminal = actions.find((a) => a.type !== "latency");

    if (terminal?.type === "reset") {
      log("reset");
      req.socket.resetAndDestroy();
      return;
    }
    if (terminal?.type === "status") {
      const reply = faultReply(terminal);
      log(reply.status);
      return send(res, clock, reply);
    }

    const identity = bearer(req) ?? "anonymous";
    const blockedUntil = ctx.errorBudget.blockedUntil(identity);
    let reply: Reply;
    if (blockedUntil !== undefined) {
      reply = error(429, "Too many failed requests", {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-resets": String(blockedUntil),
      });
    } else {
      const auth = authenticate(req, ctx.store, adminKey);
      reply = auth.ok
        ? (routeApiKeys(ctx, { req, method, path, query, rawBody, caller: auth.caller }) ??
          error(404, "Not found"))
        : auth.reply;
      ctx.errorBudget.record(identity, reply.status);
      if (reply.status >= 400 && reply.status < 500 && reply.status !== 429) {
        reply.headers = {
          ...reply.headers,
          "x-ratelimit-remaining": String(ctx.errorBudget.remaining(identity)),
          "x-ratelimit-resets": String(ctx.errorBudget.resetsAt(identity)),
        };
      }
    }

    if (terminal?.type === "commit-then-drop") {
      log("dropped");
      req.socket.resetAndDestroy();
      return;
    }
    log(reply.status);
    send(res, clock, reply);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const work =
      controlEnabled && (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`))
        ? handleControl(req, res, path.slice(CONTROL_PREFIX.length))
        : path.startsWith(`${API_PREFIX}/`)
          ? handleApi(req, res, path.slice(API_PREFIX.length), url.searchParams)
          : Promise.resolve(send(res, clock, error(404, "Not found")));
    work.catch((err: unknown) => {
      if (!res.headersSent) send(res, clock, error(500, "Internal server error"));
      console.error("venice-emulator: request failed:", err instanceof Error ? err.message : err);
    });
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url: `${origin}${API_PREFIX}`,
    controlUrl: `${origin}${CONTROL_PREFIX}`,
    port,
    adminKey,
    adminKeySource,
    clock,
    close: () =>
      new Promise<void>((resolve) => {
        ctx.store.persist();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
