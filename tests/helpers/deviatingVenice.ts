import { startTestEmulator, type TestEmulator } from "./emulator";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";

/**
 * A Venice that answers differently from what we assume: an HTTP proxy in front of the emulator that
 * changes one thing about its answers at a time (independent of the emulator's own [choice] switches,
 * which model documented alternatives; these model surprises). Requests pass through unchanged.
 */
export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}
export type Deviation = (exchange: Exchange) => Exchange;

const json = (text: string): Record<string, unknown> | undefined => {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};
const isCreate = (e: Exchange) => e.method === "POST" && e.path === "/api/v1/api_keys" && e.status < 300;
const isList = (e: Exchange) => e.method === "GET" && e.path === "/api/v1/api_keys" && e.status < 300;
const onCreate =
  (change: (body: Record<string, unknown>) => unknown): Deviation =>
  (e) => {
    if (!isCreate(e)) return e;
    const body = json(e.body)!;
    return { ...e, body: JSON.stringify(change(body)) };
  };
const dataOf = (body: Record<string, unknown>) => body.data as Record<string, unknown>;
const without = (record: Record<string, unknown>, name: string) => {
  const { [name]: _dropped, ...rest } = record;
  return rest;
};

/** One change each, named for what it does. The create answer's changes all lose the key's value. */
export const DEVIATIONS: Record<string, Deviation> = {
  "create answer without the secret": onCreate((b) => ({ ...b, data: without(dataOf(b), "apiKey") })),
  "create answer with the secret renamed to key": onCreate((b) => {
    const { apiKey, ...rest } = dataOf(b);
    return { ...b, data: { ...rest, key: apiKey } };
  }),
  "create answer without its data envelope": onCreate((b) => dataOf(b)),
  "create answer with a renamed id": onCreate((b) => {
    const { id, ...rest } = dataOf(b);
    return { ...b, data: { ...rest, keyId: id } };
  }),
  "create answer with apiKeyType in lower case": onCreate((b) => ({
    ...b,
    data: { ...dataOf(b), apiKeyType: String(dataOf(b).apiKeyType).toLowerCase() },
  })),
  "create answer that is not JSON": (e) =>
    isCreate(e)
      ? { ...e, headers: { ...e.headers, "content-type": "text/html" }, body: "<html>ok</html>" }
      : e,
  "create answer truncated": (e) =>
    isCreate(e) ? { ...e, body: e.body.slice(0, Math.floor(e.body.length / 2)) } : e,
  "create answer with an empty body": (e) => (isCreate(e) ? { ...e, body: "" } : e),
  "create answered 201 instead of 200": (e) => (isCreate(e) ? { ...e, status: 201 } : e),
  "create answer with extra fields": onCreate((b) => ({
    ...b,
    data: { ...dataOf(b), tier: "pro", note: null },
  })),
  "answers without a Date header": (e) => {
    const { date: _date, ...headers } = e.headers;
    return { ...e, headers };
  },
  "listing that omits the newest key": (e) => {
    if (!isList(e)) return e;
    const body = json(e.body)!;
    return { ...e, body: JSON.stringify({ ...body, data: (body.data as unknown[]).slice(1) }) };
  },
  "listing with a secret in it": (e) => {
    if (!isList(e)) return e;
    const body = json(e.body)!;
    const data = (body.data as Array<Record<string, unknown>>).map((k) => ({
      ...k,
      apiKey: "VENICE_INFERENCE_KEY_leakedleakedleakedleakedleakedleaked00",
    }));
    return { ...e, body: JSON.stringify({ ...body, data }) };
  },
  "update answered as success without effect": (e) => e, // applied in the proxy: the PATCH is not forwarded
};

/** Deviations the proxy applies to requests rather than answers. */
const SWALLOWED: Record<string, (method: string) => boolean> = {
  "update answered as success without effect": (method) => method === "PATCH",
};

export interface DeviatingVenice {
  url: string;
  deviate(name: string | undefined): void;
  close(): Promise<void>;
}

export async function deviatingVenice(target: string): Promise<DeviatingVenice> {
  const upstream = new URL(target);
  let deviation: string | undefined;
  const server: Server = createServer((req: IncomingMessage, res) => {
    res.sendDate = false; // the Date header is upstream's, or none where a deviation drops it
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const path = (req.url ?? "/").split("?")[0]!;
      // A write answered as a success without effect: the key as it stands is fetched instead and returned.
      const swallowed = deviation !== undefined && SWALLOWED[deviation]?.(req.method ?? "") === true;
      const id = swallowed ? String((JSON.parse(body.toString() || "{}") as { id?: string }).id ?? "") : "";
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: swallowed ? `${upstream.pathname}/api_keys/${encodeURIComponent(id)}` : req.url,
          method: swallowed ? "GET" : req.method,
          headers: swallowed ? { authorization: req.headers.authorization ?? "" } : req.headers,
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (c: Buffer) => parts.push(c));
          answer.on("end", () => {
            const headers = Object.fromEntries(
              Object.entries(answer.headers).filter(
                ([k]) => !["content-length", "transfer-encoding", "connection"].includes(k),
              ),
            ) as Record<string, string>;
            let exchange: Exchange = {
              method: req.method ?? "",
              path,
              status: answer.statusCode ?? 502,
              headers,
              body: Buffer.concat(parts).toString(),
            };
            if (deviation) exchange = DEVIATIONS[deviation]!(exchange);
            res.writeHead(exchange.status, exchange.headers);
            res.end(exchange.body);
          });
        },
      );
      forward.on("error", () => (res.writeHead(502), res.end()));
      forward.end(swallowed ? undefined : body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const base = new URL(target);
  return {
    url: `http://127.0.0.1:${port}${base.pathname}`,
    deviate: (name) => {
      if (name !== undefined && !(name in DEVIATIONS)) throw new Error(`no deviation ${name}`);
      deviation = name;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * For a test file: an emulator and the deviating proxy in front of it, for the whole file; before each
 * test Venice is back to normal and the emulator empty.
 */
export function deviatingSuite(): { emu: TestEmulator; venice: DeviatingVenice } {
  const suite = {} as { emu: TestEmulator; venice: DeviatingVenice };
  beforeAll(async () => {
    suite.emu = await startTestEmulator();
    suite.venice = await deviatingVenice(suite.emu.url);
  });
  afterAll(async () => {
    await suite.venice.close();
    await suite.emu.close();
  });
  beforeEach(async () => {
    suite.venice.deviate(undefined);
    await suite.emu.control.reset();
  });
  return suite;
}
