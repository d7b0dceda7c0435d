import type { IncomingMessage } from "node:http";

/** A response the router decides on; the server writes it, or drops it when a fault says so. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export function error(status: number, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { error: message }, headers };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export type ParsedBody =
  { kind: "none" } | { kind: "json"; value: unknown } | { kind: "invalid"; reply: Reply };

/** Venice rejects a non-JSON content type on writes and unparsable JSON, each with a 400. */
export function parseJsonBody(req: IncomingMessage, raw: string, required: boolean): ParsedBody {
  if (raw.length === 0) {
    return required ? { kind: "invalid", reply: error(400, "Invalid JSON request") } : { kind: "none" };
  }
  const type = req.headers["content-type"] ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    return { kind: "invalid", reply: error(400, "Content-Type must be application/json") };
  }
  try {
    return { kind: "json", value: JSON.parse(raw) as unknown };
  } catch {
    return { kind: "invalid", reply: error(400, "Invalid JSON request") };
  }
}
