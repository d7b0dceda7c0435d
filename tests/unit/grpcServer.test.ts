import * as grpc from "@grpc/grpc-js";
import {
  GrpcServer,
  GrpcStatusError,
  Status,
  type ServiceDefinition,
} from "../../provider/fronts/shared/grpcServer";

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
};

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
