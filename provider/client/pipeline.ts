import type { Dispatcher } from "undici";
import type { z } from "zod";
import {
  VeniceApiError,
  VeniceAuthError,
  VeniceError,
  VeniceResponseError,
  VeniceRetriesExhaustedError,
  VeniceTransportError,
} from "./errors";
import { redact } from "./redact";
import { isRetryableStatus, nextDelay } from "./retryTiming";
import { errorBody } from "./schemas";
import { sleep as defaultSleep } from "./sleep";

export interface PipelineSettings {
  /** e.g. https://api.venice.ai/api/v1 (validated by the caller). */
  baseUrl: string;
  adminKey: string;
  /** One HTTP exchange, from connect to last body byte. */
  requestTimeoutMs: number;
  /** All retries of one operation together. */
  retryBudgetMs: number;
}

/** What a command for people wants to hear about while an operation is under way. */
export interface PipelineHooks {
  /** Before each wait for a retry: what failed, the wait, and what is left of the budget. */
  onRetry?: (error: VeniceError, delayMs: number, remainingBudgetMs: number) => void;
}

export interface RequestSpec<T> {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  schema: z.ZodType<T>;
}

/** Rate-limit headers are the only ones kept on errors: they carry timing, never credentials. */
const TIMING_HEADERS = [
  "retry-after",
  "x-ratelimit-reset-requests",
  "x-ratelimit-resets",
  "x-ratelimit-remaining",
];

/** Connection errors that prove the request never reached the server. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

const AUTH_HINTS: Record<string, string> = {
  "Admin API key required":
    "This key is an INFERENCE key; managing keys needs an ADMIN key. Create one in Venice's dashboard and set VENICE_ADMIN_API_KEY",
  "Authentication failed":
    "The admin key is unknown, revoked or expired. Set VENICE_ADMIN_API_KEY (or `pulumi config set --secret venice:adminApiKey`) to a live ADMIN key",
};

function errorCode(err: unknown): string {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    if (current.name === "TimeoutError" || current.name === "AbortError") return "TIMEOUT";
    current = (current as { cause?: unknown }).cause;
  }
  return "UNKNOWN";
}

/**
 * undici is loaded on the first request, not with the provider: a preview without refresh (check and
 * diff only) never calls Venice, and its provider host starts that much sooner. Only the two modules
 * used are loaded, its Agent and its request API, not undici's index, which also evaluates fetch,
 * WebSocket, caches, cookies and mocks: 17 ms instead of 53 ms at the first request (measured with a
 * warm compile cache), paid in every Terraform provider process that talks to Venice (tofu starts
 * several per command). `request` is the function undici's own `request` wraps; called on a
 * dispatcher with an origin and a path.
 */
interface Undici {
  Agent: typeof import("undici").Agent;
  request: (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
}
let undici: Promise<Undici> | undefined;
const loadUndici = () =>
  (undici ??= Promise.resolve().then(() => ({
    /* eslint-disable @typescript-eslint/no-require-imports -- undici's own modules, see above */
    Agent: require("undici/lib/dispatcher/agent") as Undici["Agent"],
    request: require("undici/lib/api/api-request") as Undici["request"],
    /* eslint-enable @typescript-eslint/no-require-imports */
  })));

/**
 * Loads undici ahead of the first request, for a front that knows requests are coming and has a moment
 * to spare: tofu's ConfigureProvider is followed by a pause of tens of milliseconds on tofu's side, then
 * by the calls that read or write keys, whose first one would otherwise wait for the load (about 17 ms,
 * and its HTTP parser's WebAssembly is compiled at the first connection).
 */
export function prepareHttp(): Promise<void> {
  return loadUndici().then(() => undefined);
}

export class Pipeline {
  private dispatcher: Dispatcher | undefined;
  /**
   * Venice's clock minus ours, from the `Date` header of the latest answer: a lower bound, since the
   * header has whole seconds (the true offset is up to 1 s more). Undefined until an answer carried one.
   */
  clockOffsetMs: number | undefined;

  constructor(
    readonly settings: PipelineSettings,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = defaultSleep,
    private readonly hooks: PipelineHooks = {},
  ) {}

  private clean(text: string): string {
    return redact(text, [this.settings.adminKey]);
  }

  /** One HTTP exchange. Success is the parsed body; everything else is a typed, redacted error. */
  async attempt<T>(spec: RequestSpec<T>): Promise<T> {
    const url = new URL(`${this.settings.baseUrl}${spec.path}`);
    for (const [k, v] of Object.entries(spec.query ?? {})) url.searchParams.set(k, v);
    let response: Dispatcher.ResponseData;
    let text: string;
    const { Agent, request } = await loadUndici();
    this.dispatcher ??= new Agent({
      connect: { timeout: this.settings.requestTimeoutMs },
      keepAliveTimeout: 4_000,
    });
    try {
      response = await request.call(this.dispatcher, {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: spec.method,
        headers: {
          authorization: `Bearer ${this.settings.adminKey}`,
          accept: "application/json",
          ...(spec.body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        headersTimeout: this.settings.requestTimeoutMs,
        bodyTimeout: this.settings.requestTimeoutMs,
        signal: AbortSignal.timeout(this.settings.requestTimeoutMs),
      });
      text = await response.body.text();
      this.learnClock(response.headers.date);
    } catch (err) {
      const code = errorCode(err);
      const reason =
        code === "TIMEOUT" || code.includes("TIMEOUT")
          ? `timed out after ${this.settings.requestTimeoutMs} ms`
          : code;
      throw new VeniceTransportError(reason, !NEVER_SENT.has(code), spec.method, spec.path);
    }

    if (response.statusCode >= 400) throw this.apiError(spec, response, text);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new VeniceResponseError("not JSON", spec.method, spec.path, response.statusCode);
    }
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? `${first.path.join(".") || "(body)"}: ${first.message}` : "invalid";
      throw new VeniceResponseError(this.clean(where), spec.method, spec.path, response.statusCode, json);
    }
    return parsed.data;
  }

  private learnClock(header: string | string[] | undefined): void {
    const serverMs = typeof header === "string" ? Date.parse(header) : Number.NaN;
    if (!Number.isNaN(serverMs)) this.clockOffsetMs = serverMs - Date.now();
  }

  /** Our clock's `localMs` on Venice's clock, as early as it can be (see clockOffsetMs). */
  serverTime(localMs: number): number | undefined {
    return this.clockOffsetMs === undefined ? undefined : localMs + this.clockOffsetMs;
  }

  private apiError(
    spec: RequestSpec<unknown>,
    response: Dispatcher.ResponseData,
    text: string,
  ): VeniceApiError {
    let message = "(no error text)";
    try {
      const body = errorBody.safeParse(JSON.parse(text));
      if (body.success) {
        const issues = (body.data.issues ?? []).map(
          (i) => `${(i.path ?? []).join(".") || "(body)"}: ${i.message}`,
        );
        message = [body.data.error ?? "error", ...issues].join("; ");
      }
    } catch {
      // A non-JSON error body (a proxy's HTML page, say) is not echoed: it could hold anything.
    }
    message = this.clean(message).slice(0, 500);
    const headers: Record<string, string> = {};
    for (const name of TIMING_HEADERS) {
      const value = response.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const status = response.statusCode;
    if (status === 401 || status === 402) {
      const hint =
        AUTH_HINTS[message] ??
        (status === 402 ? "No admin key was sent. Set VENICE_ADMIN_API_KEY" : undefined);
      return new VeniceAuthError(status, message, spec.method, spec.path, hint, headers);
    }
    return new VeniceApiError(status, message, spec.method, spec.path, undefined, headers);
  }

  /**
   * Runs `operation` until it succeeds, fails for good, or the retry budget is spent. Retries 429, 5xx
   * and lost answers only; `beforeRetry` may repair state first (the create path uses it to remove a
   * key whose creation answer was lost). When `signal` aborts, no further attempt starts.
   *
   * `deadline` (our clock, ms) ends the retrying instead of the budget counted from now: an operation
   * made of several requests (a create and its repairs) shares one budget. It is asked before each wait,
   * so it may move. The first attempt always runs.
   */
  async retrying<T>(
    operation: () => Promise<T>,
    hooks: {
      beforeRetry?: (error: VeniceError) => Promise<void>;
      onRateLimited?: (delayMs: number) => void;
      signal?: AbortSignal;
      deadline?: () => number;
    } = {},
  ): Promise<T> {
    const started = Date.now();
    const deadline = hooks.deadline ?? (() => started + this.settings.retryBudgetMs);
    for (let attempt = 0; ; attempt++) {
      hooks.signal?.throwIfAborted();
      try {
        return await operation();
      } catch (err) {
        if (!isRetryable(err)) throw err;
        const headers = err instanceof VeniceApiError ? err.timingHeaders : {};
        const delay = nextDelay({
          attempt,
          headers,
          nowMs: Date.now(),
          remainingBudgetMs: deadline() - Date.now(),
        });
        if (delay === undefined)
          throw new VeniceRetriesExhaustedError(attempt + 1, Date.now() - started, err);
        if (err instanceof VeniceApiError && err.status === 429) hooks.onRateLimited?.(delay);
        this.hooks.onRetry?.(err, delay, deadline() - Date.now());
        try {
          await this.sleep(delay, hooks.signal);
        } finally {
          // The repair runs even when the wait was cut short: a lost attempt's key must not outlive us.
          if (hooks.beforeRetry) await hooks.beforeRetry(err);
        }
      }
    }
  }

  /** One request, retried within the budget, or within `deadline` when it is part of a larger operation. */
  request<T>(spec: RequestSpec<T>, deadline?: number): Promise<T> {
    return this.retrying(
      () => this.attempt(spec),
      deadline === undefined ? {} : { deadline: () => deadline },
    );
  }

  async close(): Promise<void> {
    await this.dispatcher?.close();
  }
}

export function isRetryable(err: unknown): err is VeniceApiError | VeniceTransportError {
  if (err instanceof VeniceTransportError) return true;
  return err instanceof VeniceApiError && !(err instanceof VeniceAuthError) && isRetryableStatus(err.status);
}
