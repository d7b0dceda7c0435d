import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import {
  GET_API_KEY_TOKEN,
  GET_API_KEYS_TOKEN,
  NATIVE_API_KEY_TOKEN,
  PACKAGE,
  type ApiKeyInputs,
  type ApiKeyOutputs,
} from "../../../domain";
import { createLifecycle, SETTINGS, type ApiKeyFilter, type ConfigSource } from "../../core";
import { engineAddressOf } from "../shared/engineWatch";
import { engineGuard } from "../shared/engineGuard";
import { veniceSchema } from "./schema";
import { warn } from "./engineLog";
import { preparePluginHttp } from "../shared/pluginRuntime";
import { afterAnswer, GrpcServer, type Implementation } from "../shared/grpcServer";
import { Empty, Struct } from "./pulumiRpc";
import { RESOURCE_PROVIDER_SERVICE } from "./service";
import { forEngine, fromEngine } from "./values";

/**
 * The native `venice` provider: Pulumi's ResourceProvider gRPC contract, served with the message classes that
 * ship in @pulumi/pulumi (service.ts), routed to the same lifecycle object the dynamic front uses. It serves the resource
 * `venice:index:ApiKey` and the functions `venice:index:getApiKey` and `venice:index:getApiKeys`.
 *
 * Served here rather than through `@pulumi/pulumi/provider`'s `main`, whose Configure drops the
 * provider's arguments: an explicit provider's credentials must reach the core.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the stubs and grpc-js are @pulumi/pulumi's own */
const pb = require("@pulumi/pulumi/proto/provider_pb") as typeof providerPb;
const pluginPb = require("@pulumi/pulumi/proto/plugin_pb") as {
  PluginInfo: new () => { setVersion(v: string): void };
};
/* eslint-enable @typescript-eslint/no-require-imports */

type StructLike = { toJavaScript(): Record<string, unknown> } | undefined;
const props = (s: StructLike) => fromEngine(s?.toJavaScript());
const struct = (value: object) => Struct.fromJavaScript(forEngine(value));

/** A unary handler: its answer, or its error as the engine shows it. */
function unary<Req, Res>(work: (req: Req) => Promise<Res>) {
  return (call: { request: Req }, callback: (err: Error | null, res?: Res) => void) => {
    work(call.request).then(
      (res) => callback(null, res),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  };
}

function requireApiKey(urn: string): void {
  const type = urn.split("::")[2] ?? "";
  if (type !== NATIVE_API_KEY_TOKEN) throw new Error(`the venice provider has no resource type ${type}`);
}

/**
 * The provider's configuration from Configure: its arguments (camelCase names, as the schema has them;
 * values may be numbers, or secrets, unwrapped here) and, for the default provider, the stack's
 * `venice:*` config as variables. An explicit provider's arguments win over the environment.
 */
function configFrom(req: providerPb.ConfigureRequest): { source: ConfigSource; explicit: boolean } {
  const args = props(req.getArgs());
  const variables = Object.fromEntries(req.getVariablesMap().toArray()) as Record<string, string>;
  const names = new Set(Object.values(SETTINGS).map((s) => s.config as string));
  const source: ConfigSource = {
    get(key) {
      const name = key.replace(/^venice:/, "");
      if (!names.has(name)) return undefined;
      const value = args[name] ?? variables[`${PACKAGE}:config:${name}`] ?? variables[key];
      return value === undefined || value === null ? undefined : String(value);
    },
  };
  // The engine names the default provider "default" (or default_<version>); explicit ones have their own name.
  const name = req.getName() || (req.getUrn() ?? "").split("::").pop() || "";
  return { source, explicit: name !== "" && !name.startsWith("default") };
}

const IMPORTED_SECRET =
  "The imported key's secret is unknown: Venice returns it only when a key is created, so `key` stays " +
  "undefined. To have it as an output, declare the key with adoptKeyId and adoptKeyValue (its secret) instead.";

/** The engine's address, as it started the plugin: for warnings (engineLog.ts). */
const engineAddress = process.argv[2];

/**
 * The service of one plugin process. The engine starts one plugin process per provider instance (the
 * default provider, each explicit one), so the service owns one lifecycle, configured by Configure.
 */
export function providerService(version: string) {
  const schema = JSON.stringify(veniceSchema(version));
  const lifecycle = createLifecycle({ guard: engineGuard(engineAddressOf(process.argv)) });
  return {
    getPluginInfo: unary(async () => {
      const info = new pluginPb.PluginInfo();
      info.setVersion(version);
      return info;
    }),
    getSchema: unary(async () => {
      const res = new pb.GetSchemaResponse();
      res.setSchema(schema);
      return res;
    }),
    checkConfig: unary(async (req: providerPb.CheckRequest) => {
      const res = new pb.CheckResponse();
      res.setInputs(req.getNews());
      return res;
    }),
    diffConfig: unary(async (req: providerPb.DiffRequest) => {
      // Another account or endpoint changes where keys are managed, not the keys: never a replacement.
      const res = new pb.DiffResponse();
      const before = JSON.stringify(props(req.getOlds()));
      const after = JSON.stringify(props(req.getNews()));
      res.setChanges(
        before === after ? pb.DiffResponse.DiffChanges.DIFF_NONE : pb.DiffResponse.DiffChanges.DIFF_SOME,
      );
      return res;
    }),
    // The engine's reads and writes follow a configure: HTTP is loaded in the pause between
    // (pipeline.ts), once the answer is out (loaded before, it held the answer back by about 7 ms).
    configure: afterAnswer(
      unary(async (req: providerPb.ConfigureRequest) => {
        const { source, explicit } = configFrom(req);
        lifecycle.configure({ config: source, precedence: explicit ? "config-first" : "environment-first" });
        const res = new pb.ConfigureResponse();
        res.setAcceptsecrets(true);
        res.setSupportspreview(false);
        res.setAcceptresources(false);
        res.setAcceptoutputs(false);
        return res;
      }),
      () => void preparePluginHttp(),
    ),
    check: unary(async (req: providerPb.CheckRequest) => {
      requireApiKey(req.getUrn());
      const result = await lifecycle.check(props(req.getOlds()), props(req.getNews()));
      const res = new pb.CheckResponse();
      res.setInputs(struct(result.inputs ?? {}) as never);
      res.setFailuresList(
        (result.failures ?? []).map((f) => {
          const failure = new pb.CheckFailure();
          failure.setProperty(f.property);
          failure.setReason(f.reason);
          return failure;
        }),
      );
      return res;
    }),
    diff: unary(async (req: providerPb.DiffRequest) => {
      requireApiKey(req.getUrn());
      const olds = props(req.getOlds()) as Partial<ApiKeyOutputs>;
      const news = props(req.getNews()) as unknown as ApiKeyInputs;
      const result = await lifecycle.diff(req.getId(), olds, news);
      const res = new pb.DiffResponse();
      res.setChanges(
        result.changes ? pb.DiffResponse.DiffChanges.DIFF_SOME : pb.DiffResponse.DiffChanges.DIFF_NONE,
      );
      res.setReplacesList(result.replaces ?? []);
      res.setDiffsList(result.changed);
      res.setDeletebeforereplace(result.deleteBeforeReplace ?? false);
      return res;
    }),
    create: unary(async (req: providerPb.CreateRequest) => {
      requireApiKey(req.getUrn());
      const result = await lifecycle.create(props(req.getProperties()) as unknown as ApiKeyInputs);
      const res = new pb.CreateResponse();
      res.setId(result.id);
      res.setProperties(struct(result.outs ?? {}) as never);
      return res;
    }),
    read: unary(async (req: providerPb.ReadRequest) => {
      requireApiKey(req.getUrn());
      const state = props(req.getProperties());
      const result = await lifecycle.read(req.getId(), state);
      const res = new pb.ReadResponse();
      res.setId(result?.id ?? "");
      if (result && Object.keys(state).length === 0) {
        // Read by id alone is `pulumi import`: Venice never shows a key's secret again.
        await warn(engineAddress, req.getUrn(), IMPORTED_SECRET);
      }
      if (result) {
        res.setProperties(struct(result.props) as never);
        res.setInputs(struct(result.inputs) as never);
      }
      return res;
    }),
    update: unary(async (req: providerPb.UpdateRequest) => {
      requireApiKey(req.getUrn());
      const result = await lifecycle.update(
        req.getId(),
        props(req.getOlds()) as unknown as ApiKeyOutputs,
        props(req.getNews()) as unknown as ApiKeyInputs,
      );
      const res = new pb.UpdateResponse();
      res.setProperties(struct(result.outs) as never);
      return res;
    }),
    delete: unary(async (req: providerPb.DeleteRequest) => {
      requireApiKey(req.getUrn());
      await lifecycle.delete(req.getId(), props(req.getProperties()));
      return new Empty();
    }),
    invoke: unary(async (req: providerPb.InvokeRequest) => {
      const args = props(req.getArgs());
      const res = new pb.InvokeResponse();
      if (req.getTok() === GET_API_KEY_TOKEN) {
        res.setReturn(struct(await lifecycle.lookupApiKey(String(args.id ?? ""))) as never);
      } else if (req.getTok() === GET_API_KEYS_TOKEN) {
        const keys = await lifecycle.lookupApiKeys(args as ApiKeyFilter);
        res.setReturn(struct({ keys }) as never);
      } else {
        throw new Error(`the venice provider has no function ${req.getTok()}`);
      }
      return res;
    }),
    cancel: unary(async () => new Empty()),
    attach: unary(async () => new Empty()),
  };
}

/** Serves the provider on a loopback port and prints the port, as the engine expects of a plugin. */
export async function serve(version: string): Promise<void> {
  const server = new GrpcServer();
  server.addService(RESOURCE_PROVIDER_SERVICE, providerService(version) as unknown as Implementation);
  const port = await server.listen("127.0.0.1");
  process.stdout.write(`${port}\n`);
}
