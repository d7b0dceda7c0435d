import { X509Certificate } from "node:crypto";
import type * as http2 from "node:http2";
import type { TLSSocket } from "node:tls";

/**
 * The part of a gRPC server our plugins need, over Node's own HTTP/2: unary and server-streaming
 * methods (a client-streaming or bidirectional one is accepted and held open, never answered), TLS with
 * client certificates or cleartext (h2c with prior knowledge, which Pulumi's engine speaks), messages in
 * gRPC's length-prefixed framing, errors as grpc-status trailers. No compression (we advertise none, so
 * clients send none), no deadlines (the engines cancel by closing the stream).
 *
 * Why not @grpc/grpc-js, which both fronts used before: loading it took 40-60 ms of every plugin start
 * (tofu starts the provider 2-5 times per command; measured in bench/), and it cannot be part of a
 * standalone executable's start-up snapshot (its module state holds HTTP parser handles). node:http2 is
 * built in: nothing to load from disk, and it is required only when the server listens, after a snapshot
 * is restored. The shapes below (service definitions, `call.request`, `callback(err, response)`,
 * `call.write`) are grpc-js's, so handlers and generated service definitions work unchanged.
 */
export interface MethodDefinition {
  path: string;
  requestStream?: boolean;
  responseStream?: boolean;
  requestDeserialize(bytes: Buffer): unknown;
  responseSerialize(value: never): Buffer | Uint8Array;
}
export type ServiceDefinition = Record<string, MethodDefinition>;

export interface ServerCall {
  request: unknown;
  cancelled: boolean;
  /** Server streaming: one message to the client. */
  write(message: unknown): boolean;
  /** Server streaming: the end of the answer, status OK. */
  end(): void;
  /**
   * "cancelled": the client went away before the answer was complete. "sent": the answer is complete
   * and written out, for synchronous work that must not hold it back: a turn of the event loop after
   * the stream closed, since the connection writes its last frames on that turn (measured: work run at
   * the close itself still delayed tofu's receipt of the answer by its own length).
   */
  on(event: "cancelled" | "sent", listener: () => void): this;
}
export type Callback = (error: GrpcStatusError | Error | null, response?: unknown) => void;
type Handler = (call: never, callback: never) => void;
export type Implementation = Record<string, Handler>;

/**
 * A handler that runs `after` once its answer is out (see ServerCall's "sent"): for synchronous work the
 * next calls want done, such as loading HTTP after a Configure, that must not hold the answer back.
 */
export function afterAnswer<C, Cb>(
  handler: (call: C, callback: Cb) => void,
  after: () => void,
): (call: C & Pick<ServerCall, "on">, callback: Cb) => void {
  return (call, callback) => {
    call.on("sent", after);
    handler(call, callback);
  };
}

/** gRPC status codes we send (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export const Status = { OK: 0, UNKNOWN: 2, INVALID_ARGUMENT: 3, INTERNAL: 13, UNIMPLEMENTED: 12 } as const;

/** A handler's failure with a status of its choice (others are sent as UNKNOWN with their message). */
export class GrpcStatusError extends Error {
  override name = "GrpcStatusError";
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface TlsOptions {
  /** PEM. */
  key: string;
  cert: string;
  /** PEM of the one client certificate to accept (go-plugin's AutoMTLS). */
  clientCert: string;
}

/**
 * The one client certificate a connection may present, pinned: the client's certificate must be this
 * one, byte for byte (TLS has already checked that the client holds its key). This is stricter than
 * trusting it as a CA, and cheaper: giving Node any `ca` makes it build a store of the public roots
 * first (its bundled ones and NODE_EXTRA_CA_CERTS'), 8-13 ms of every start for a store never consulted.
 */
function pinnedClientCertificate(pem: string): (session: http2.ServerHttp2Session) => boolean {
  const expected = new X509Certificate(pem).raw;
  return (session) => {
    const peer = (session.socket as TLSSocket).getPeerCertificate?.(false);
    return Buffer.isBuffer(peer?.raw) && peer.raw.equals(expected);
  };
}

const FRAME_HEADER = 5;
/** HTTP/2's RST_STREAM code of a stream that closed normally. */
const NO_ERROR = 0;
const GRPC = "application/grpc";

function frame(message: Buffer | Uint8Array): Buffer {
  const header = Buffer.alloc(FRAME_HEADER);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

/** grpc-message is percent-encoded (the spec's "Percent-Encoded" rule). */
const statusMessage = (text: string) => text.replace(/[^ -$&-~]/gu, (c) => encodeURIComponent(c));

/** The messages of a request body, in order; throws on a compressed or truncated frame. */
function messages(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < body.length;) {
    if (body.length - at < FRAME_HEADER) throw new GrpcStatusError(Status.INTERNAL, "truncated gRPC frame");
    if (body[at] !== 0)
      throw new GrpcStatusError(Status.UNIMPLEMENTED, "compressed messages are not accepted");
    const length = body.readUInt32BE(at + 1);
    const end = at + FRAME_HEADER + length;
    if (end > body.length) throw new GrpcStatusError(Status.INTERNAL, "truncated gRPC frame");
    out.push(body.subarray(at + FRAME_HEADER, end));
    at = end;
  }
  return out;
}

export class GrpcServer {
  private readonly methods = new Map<string, { definition: MethodDefinition; handler: Handler }>();
  private server: http2.Http2Server | http2.Http2SecureServer | undefined;
  private readonly sessions = new Set<http2.ServerHttp2Session>();

  addService(service: ServiceDefinition, implementation: Implementation): void {
    for (const [name, definition] of Object.entries(service)) {
      const handler = implementation[name];
      if (handler) this.methods.set(definition.path, { definition, handler });
    }
  }

  /** Listens on host, port 0; resolves with the port. */
  listen(host: string, tls?: TlsOptions): Promise<number> {
    const options: http2.SecureServerOptions = {
      // A listing of 500 keys and a provider schema are well under this; the default (10 MiB) is per session.
      maxSessionMemory: 64,
      // No Nagle: an answer's frames (headers, data, trailers) go out at once, not after the client's
      // ACK of the first (net's servers default to Nagle; Go's gRPC, on tofu's side, never waits).
      noDelay: true,
    };
    // Required here, not at the top: a start-up snapshot cannot hold node:http2's bindings (see above).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createSecureServer, createServer } = require("node:http2") as typeof http2;
    const accepted = tls ? pinnedClientCertificate(tls.clientCert) : () => true;
    const server = tls
      ? createSecureServer({
          ...options,
          key: tls.key,
          cert: tls.cert,
          // No CA list (see pinnedClientCertificate): the handshake asks for a client certificate
          // and lets any through; a session whose certificate is not the pinned one is ended below,
          // before its first stream is read.
          ca: [],
          requestCert: true,
          rejectUnauthorized: false,
        })
      : createServer(options);
    this.server = server;
    server.on("session", (session: http2.ServerHttp2Session) => {
      // A client that goes away mid-call must not take the process with it.
      session.on("error", () => undefined);
      if (!accepted(session)) {
        session.destroy();
        return;
      }
      this.sessions.add(session);
      session.on("close", () => this.sessions.delete(session));
    });
    server.on("stream", (stream, headers) => this.dispatch(stream, headers));
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, host, () => {
        server.off("error", reject);
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : 0);
      });
    });
  }

  /** Stops listening; `done` runs once every client has closed its connection. */
  closeWhenIdle(done: () => void): void {
    if (this.server) this.server.close(() => done());
    else done();
  }

  /** Stops listening and ends every connection. */
  close(): void {
    this.server?.close();
    for (const session of this.sessions) session.destroy();
  }

  private dispatch(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on("error", () => undefined);
    // Only a session accepted above is served (a refused one is destroyed before it reads a stream).
    if (!this.sessions.has(stream.session as http2.ServerHttp2Session)) {
      stream.destroy();
      return;
    }
    const entry = this.methods.get(String(headers[":path"]));
    if (!entry || !String(headers["content-type"] ?? "").startsWith(GRPC)) {
      endWith(stream, Status.UNIMPLEMENTED, `unknown method ${String(headers[":path"])}`);
      return;
    }
    const { definition, handler } = entry;
    if (definition.requestStream) {
      // Held open, never answered: go-plugin's broker stream, which providers do not use.
      stream.respond({ ":status": 200, "content-type": GRPC });
      stream.on("data", () => undefined);
      return;
    }
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      let request: unknown;
      try {
        const [message] = messages(Buffer.concat(chunks));
        request = definition.requestDeserialize(message ?? Buffer.alloc(0));
      } catch (err) {
        endWith(stream, err instanceof GrpcStatusError ? err.code : Status.INTERNAL, errorText(err));
        return;
      }
      const call = serverCall(stream, definition, request);
      try {
        if (definition.responseStream) (handler as (c: ServerCall) => void)(call);
        else (handler as (c: ServerCall, cb: Callback) => void)(call, answer(call, stream));
      } catch (err) {
        endWith(stream, Status.UNKNOWN, errorText(err));
      }
    });
  }
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The streams whose answer we ended (with OK or an error): their close is no cancellation. */
const answered = new WeakSet<http2.ServerHttp2Stream>();

function endWith(stream: http2.ServerHttp2Stream, code: number, message: string): void {
  if (stream.destroyed || stream.closed) return;
  answered.add(stream);
  if (stream.headersSent) {
    stream.end();
    return;
  }
  // "Trailers-Only": one HEADERS frame with the status, ending the stream.
  stream.respond(
    {
      ":status": 200,
      "content-type": GRPC,
      "grpc-status": String(code),
      "grpc-message": statusMessage(message),
    },
    { endStream: true },
  );
}

/** A unary call's callback: its one message through the call's own writer, or its error as the status. */
function answer(call: ServerCall, stream: http2.ServerHttp2Stream): Callback {
  let answered = false;
  return (error, response) => {
    if (answered || stream.destroyed || stream.closed) return;
    answered = true;
    if (error) {
      endWith(stream, error instanceof GrpcStatusError ? error.code : Status.UNKNOWN, error.message);
      return;
    }
    try {
      call.write(response);
    } catch (err) {
      endWith(stream, Status.INTERNAL, `could not encode the answer: ${errorText(err)}`);
      return;
    }
    call.end();
  };
}

function serverCall(
  stream: http2.ServerHttp2Stream,
  definition: MethodDefinition,
  request: unknown,
): ServerCall {
  let responded = false;
  const respond = () => {
    if (responded) return;
    responded = true;
    stream.respond({ ":status": 200, "content-type": GRPC }, { waitForTrailers: true });
    stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": String(Status.OK) }));
  };
  const call: ServerCall = {
    request,
    cancelled: false,
    write(message) {
      if (stream.destroyed || stream.closed) return false;
      // Encoded before anything is sent: a message that cannot be encoded can still fail the call.
      const body = frame(definition.responseSerialize(message as never));
      respond();
      return stream.write(body);
    },
    end() {
      if (stream.destroyed || stream.closed) return;
      answered.add(stream);
      respond();
      stream.end();
    },
    on(event, listener) {
      stream.once("close", () => {
        if (event === "cancelled") {
          if (!answered.has(stream)) {
            call.cancelled = true;
            listener();
          }
        } else if (answered.has(stream) && (stream.rstCode ?? 0) === NO_ERROR) setImmediate(listener);
      });
      return call;
    },
  };
  stream.once("close", () => {
    if (!answered.has(stream)) call.cancelled = true;
  });
  return call;
}
