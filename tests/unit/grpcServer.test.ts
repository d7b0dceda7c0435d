import * as grpc from "@grpc/grpc-js";
import {
  afterAnswer,
  GrpcServer,
  GrpcStatusError,
  Status,
  type ServiceDefinition,
} from "../../provider/fronts/shared/grpcServer";
import { pluginCertificate } from "../../provider/fronts/terraform/certificate";

/**
 * Our gRPC server on node:http2 against grpc-js's client: an independent implementation of the same
 * protocol. Messages here are JSON, which the server treats as opaque bytes like any codec's output.
 */
const json = {
  requestSerialize: (v: unknown) => Buffer.from(JSON.stringify(v)),
  requestDeserialize: (b: Buffer) => JSON.parse(b.toString() || "{}") as unknown,
  responseSerialize: (v: unknown) => Buffer.from(JSON.stringify(v)),
  responseDeserialize: (b: Buffer) => JSON.parse(b.toString()) as unknown,
};
const SERVICE = {
  Echo: { path: "/test.Echo/Echo", requestStream: false, responseStream: false, ...json },
  Fail: { path: "/test.Echo/Fail", requestStream: false, responseStream: false, ...json },
  Count: { path: "/test.Echo/Count", requestStream: false, responseStream: true, ...json },
  Unencodable: {
    path: "/test.Echo/Unencodable",
    requestStream: false,
    responseStream: false,
    ...json,
    responseSerialize: () => {
      throw new Error("no codec for this");
    },
  },
  Missing: { path: "/test.Echo/Missing", requestStream: false, responseStream: false, ...json },
  Later: { path: "/test.Echo/Later", requestStream: false, responseStream: false, ...json },
  Hang: { path: "/test.Echo/Hang", requestStream: false, responseStream: false, ...json },
  Wrapped: { path: "/test.Echo/Wrapped", requestStream: false, responseStream: false, ...json },
};

type Events = "sent" | "cancelled";
interface WatchedCall {
  request: unknown;
  on(event: Events, listener: () => void): unknown;
}
/** What the "sent" and "cancelled" listeners of the Later and Hang calls saw, as each ran. */
const events: Events[] = [];
let eventSeen: (() => void) | undefined;
const watch = (call: WatchedCall) => {
  for (const event of ["sent", "cancelled"] as const)
    call.on(event, () => {
      events.push(event);
      eventSeen?.();
    });
};
let hangReached: (() => void) | undefined;
const nextEvent = () => new Promise<void>((resolve) => (eventSeen = resolve));

type Client = grpc.Client & Record<string, (...args: unknown[]) => unknown>;
let server: GrpcServer;
let client: Client;

beforeAll(async () => {
  server = new GrpcServer();
  server.addService(
    SERVICE as unknown as ServiceDefinition,
    {
      Echo: (call: { request: unknown }, callback: (e: null, r: unknown) => void) =>
        callback(null, { echoed: call.request }),
      Fail: (_call: unknown, callback: (e: Error) => void) =>
        callback(new GrpcStatusError(Status.INVALID_ARGUMENT, "bad input: café 100%")),
      Unencodable: (_call: unknown, callback: (e: null, r: unknown) => void) => callback(null, {}),
      Later: (call: WatchedCall, callback: (e: null, r: unknown) => void) => {
        watch(call);
        callback(null, { later: true });
      },
      Wrapped: afterAnswer(
        (_call: unknown, callback: (e: null, r: unknown) => void) => callback(null, { wrapped: true }),
        () => {
          events.push("sent");
          eventSeen?.();
        },
      ),
      Hang: (call: WatchedCall) => {
        watch(call);
        hangReached?.();
      },
      Count: (call: { request: { to: number }; write(m: unknown): void; end(): void }) => {
        for (let i = 1; i <= call.request.to; i++) call.write({ i });
        call.end();
      },
    } as never,
  );
  const port = await server.listen("127.0.0.1");
  const Constructor = grpc.makeGenericClientConstructor(SERVICE as never, "Echo");
  client = new Constructor(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as Client;
});
afterAll(() => {
  client.close();
  server.close();
});

const unary = (method: string, request: unknown) =>
  new Promise<unknown>((resolve, reject) =>
    client[method]!(request, (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res))),
  );

test("a unary call gets its answer", async () => {
  await expect(unary("Echo", { name: "venice" })).resolves.toEqual({ echoed: { name: "venice" } });
});

test("a handler's status error reaches the client with its code and its text, non-ASCII included", async () => {
  await expect(unary("Fail", {})).rejects.toMatchObject({
    code: grpc.status.INVALID_ARGUMENT,
    details: "bad input: café 100%",
  });
});

test("a method without a handler is answered UNIMPLEMENTED", async () => {
  await expect(unary("Missing", {})).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
});

test("a server-streaming call gets every message in order, then OK", async () => {
  const stream = client.Count!({ to: 3 }) as grpc.ClientReadableStream<{ i: number }>;
  const got: number[] = [];
  stream.on("data", (m: { i: number }) => got.push(m.i));
  const status = await new Promise<grpc.StatusObject>((resolve) => stream.on("status", resolve));
  expect(status.code).toBe(grpc.status.OK);
  expect(got).toEqual([1, 2, 3]);
});

test("many calls at once on one connection are each answered", async () => {
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => unary("Echo", { i })));
  expect(answers).toEqual(Array.from({ length: 50 }, (_, i) => ({ echoed: { i } })));
});

test("an answer that cannot be encoded fails the call with INTERNAL, naming why", async () => {
  await expect(unary("Unencodable", {})).rejects.toMatchObject({
    code: grpc.status.INTERNAL,
    details: "could not encode the answer: no codec for this",
  });
});

describe("over TLS, with go-plugin's one client certificate pinned", () => {
  const serverIdentity = pluginCertificate();
  const pinned = pluginCertificate();
  let tlsServer: GrpcServer;
  let port: number;
  let handled = 0;
  const clients: grpc.Client[] = [];
  beforeAll(async () => {
    tlsServer = new GrpcServer();
    tlsServer.addService(
      SERVICE as unknown as ServiceDefinition,
      {
        Echo: (call: { request: unknown }, callback: (e: null, r: unknown) => void) => {
          handled += 1;
          callback(null, { echoed: call.request });
        },
      } as never,
    );
    port = await tlsServer.listen("127.0.0.1", {
      key: serverIdentity.keyPem,
      cert: serverIdentity.certPem,
      clientCert: pinned.certPem,
    });
  });
  afterAll(() => {
    for (const c of clients) c.close();
    tlsServer.close();
  });

  /** A client that trusts the server's certificate and presents `identity` (or no certificate). */
  const echo = (identity: { keyPem: string; certPem: string } | undefined) => {
    const Constructor = grpc.makeGenericClientConstructor(SERVICE as never, "Echo");
    const credentials = grpc.credentials.createSsl(
      Buffer.from(serverIdentity.certPem),
      identity ? Buffer.from(identity.keyPem) : null,
      identity ? Buffer.from(identity.certPem) : null,
    );
    const c = new Constructor(`127.0.0.1:${port}`, credentials, {
      "grpc.ssl_target_name_override": "localhost",
      "grpc.default_authority": "localhost",
    }) as unknown as Client;
    clients.push(c);
    return new Promise<unknown>((resolve, reject) =>
      c.Echo!({ name: "venice" }, { deadline: Date.now() + 5_000 }, (err: Error | null, res: unknown) =>
        err ? reject(err) : resolve(res),
      ),
    );
  };

  test("the client presenting the pinned certificate is answered", async () => {
    await expect(echo(pinned)).resolves.toEqual({ echoed: { name: "venice" } });
  });

  test("a client presenting any other certificate is refused before its call reaches a handler", async () => {
    const before = handled;
    await expect(echo(pluginCertificate())).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    expect(handled).toBe(before);
  });

  test("a client presenting no certificate is refused", async () => {
    const before = handled;
    await expect(echo(undefined)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    expect(handled).toBe(before);
  });
});

describe("work for after the answer (call.on('sent'))", () => {
  beforeEach(() => events.splice(0));

  test("runs once the answer is complete, and only then", async () => {
    const seen = nextEvent();
    await expect(unary("Later", {})).resolves.toEqual({ later: true });
    await seen;
    expect(events).toEqual(["sent"]);
  });

  test("afterAnswer wraps a handler so that its work runs once the answer is out", async () => {
    const seen = nextEvent();
    await expect(unary("Wrapped", {})).resolves.toEqual({ wrapped: true });
    await seen;
    expect(events).toEqual(["sent"]);
  });

  test("never runs for a call the client gave up on; 'cancelled' does", async () => {
    const seen = nextEvent();
    const reached = new Promise<void>((resolve) => (hangReached = resolve));
    const call = client.Hang!({}, () => undefined) as grpc.ClientUnaryCall;
    await reached; // the handler has the call and listens
    call.cancel();
    await seen;
    expect(events).toEqual(["cancelled"]);
  });
});
