import { encode, ExtData } from "@msgpack/msgpack";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DATA_KEYS_TYPE, PROVIDER_TYPE, RESOURCE_TYPE } from "../../provider/fronts/terraform/schema";
import {
  decodeValue,
  encodeValue,
  UNKNOWN_VALUE,
  type TfObject,
} from "../../provider/fronts/terraform/values";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { ARM64_TERRAFORM_PROVIDER, QEMU_AARCH64 } from "../helpers/foreignPlatforms";
import { LAUNCHER, STANDALONE, startPlugin, type PluginProcess } from "../helpers/goPluginClient";

/**
 * The Terraform provider (`bin/terraform-provider-venice`) driven over gRPC as tofu drives it, through a
 * go-plugin client stand-in with AutoMTLS: the handshake, every RPC it serves, bad input, unknowns
 * (refined ones too), and Shutdown.
 */
let emu: TestEmulator;
let plugin: PluginProcess;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.control.reset();
  plugin = await startPlugin({ VENICE_ADMIN_API_KEY: "", VENICE_API_KEY: "", VENICE_BASE_URL: "" });
});
afterEach(() => plugin.close());

type Dynamic = { msgpack: Buffer };
type Diagnostics = {
  diagnostics: Array<{
    severity: number;
    summary: string;
    detail: string;
    attribute: { steps: Array<{ attribute_name: string }> } | null;
  }>;
};
const resource = (value: unknown): Dynamic => ({ msgpack: encodeValue(RESOURCE_TYPE, value) });
const state = (value: Dynamic | null | undefined) => decodeValue(RESOURCE_TYPE, value) as TfObject | null;
const NO_VALUES: TfObject = Object.fromEntries(
  Object.keys((RESOURCE_TYPE as readonly [string, object])[1]).map((k) => [k, null]),
);
const config = (values: TfObject): TfObject => ({ ...NO_VALUES, ...values });

async function configure(p: PluginProcess = plugin) {
  const answer = await p.call<Diagnostics>("ConfigureProvider", {
    terraform_version: "1.12.6",
    config: { msgpack: encodeValue(PROVIDER_TYPE, { admin_api_key: emu.adminKey, base_url: emu.url }) },
  });
  expect(answer.diagnostics).toEqual([]);
}

/** Plan then apply a create of `values`, as tofu does; the new state. */
async function create(values: TfObject): Promise<TfObject> {
  const cfg = resource(config(values));
  const plan = await plugin.call<{ planned_state: Dynamic } & Diagnostics>("PlanResourceChange", {
    type_name: "venice_api_key",
    prior_state: resource(null),
    proposed_new_state: cfg,
    config: cfg,
  });
  expect(plan.diagnostics).toEqual([]);
  const applied = await plugin.call<{ new_state: Dynamic } & Diagnostics>("ApplyResourceChange", {
    type_name: "venice_api_key",
    prior_state: resource(null),
    planned_state: plan.planned_state,
    config: cfg,
  });
  expect(applied.diagnostics).toEqual([]);
  return state(applied.new_state)!;
}

test("the handshake line comes first on stdout: protocol 6 over tcp, the certificate in unpadded base64", () => {
  expect(plugin.handshake).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|[A-Za-z0-9+/]+$/);
});

test("started without tofu's magic cookie, it says what it is on stderr and exits 1, printing nothing on stdout", async () => {
  const child = spawn(LAUNCHER, [], {
    env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d));
  child.stderr.on("data", (d: Buffer) => (err += d));
  const code = await new Promise((r) => child.on("close", r));
  expect({ code, out }).toEqual({ code: 1, out: "" });
  expect(err).toMatch(/This binary is a plugin/);
});

test("go-plugin's health check answers SERVING", async () => {
  expect(await plugin.health()).toBe(1);
});

test("GetProviderSchema describes venice_api_key from domain/: snake_case names, sensitivity, write-only, nesting", async () => {
  const schema = await plugin.call<{
    resource_schemas: Record<string, { block: { attributes: Array<Record<string, unknown>> } }>;
    data_source_schemas: Record<string, unknown>;
    provider: { block: { attributes: Array<Record<string, unknown>> } };
    server_capabilities: Record<string, boolean>;
  }>("GetProviderSchema");
  const attributes = Object.fromEntries(
    schema.resource_schemas.venice_api_key!.block.attributes.map((a) => [a.name as string, a]),
  );
  expect(Object.keys(attributes)).toEqual([
    "id",
    "description",
    "api_key_type",
    "expires_at",
    "consumption_limit",
    "limit_period",
    "model_privacy",
    "rotation_trigger",
    "expire_after",
    "rotate_before",
    "retire_after",
    "adopt_key_id",
    "adopt_key_value",
    "key",
    "last6_chars",
    "created_at",
    "issued_at",
    "expired",
    "ready_for_rotation",
  ]);
  expect(attributes.description).toMatchObject({ required: true, computed: false });
  expect(attributes.api_key_type).toMatchObject({ optional: true, computed: true });
  expect(attributes.key).toMatchObject({ computed: true, sensitive: true });
  expect(attributes.adopt_key_value).toMatchObject({ optional: true, sensitive: true, write_only: true });
  expect(attributes.consumption_limit).toMatchObject({
    nested_type: {
      nesting: 1,
      attributes: [expect.objectContaining({ name: "usd" }), expect.objectContaining({ name: "diem" })],
    },
  });
  expect(JSON.parse(Buffer.from(attributes.rotation_trigger!.type as Buffer).toString())).toEqual([
    "map",
    "string",
  ]);
  expect(Object.keys(schema.data_source_schemas).sort()).toEqual(["venice_api_key", "venice_api_keys"]);
  expect(schema.provider.block.attributes.map((a) => a.name)).toEqual([
    "admin_api_key",
    "base_url",
    "request_timeout_ms",
    "retry_budget_ms",
    "creation_limit",
    "creation_window_ms",
    "max_active_keys",
  ]);
  expect(schema.provider.block.attributes[0]).toMatchObject({ sensitive: true });
  expect(schema.server_capabilities).toMatchObject({ get_provider_schema_optional: true });
});

test("ValidateResourceConfig reports every problem at once, each on its attribute, in Terraform's names", async () => {
  const answer = await plugin.call<Diagnostics>("ValidateResourceConfig", {
    type_name: "venice_api_key",
    config: resource(
      config({
        description: "x".repeat(70),
        expire_after: "90 days",
        rotate_before: "1d",
        limit_period: "WEEKLY",
      }),
    ),
  });
  const byAttribute = Object.fromEntries(
    answer.diagnostics.map((d) => [d.attribute?.steps[0]?.attribute_name ?? "", d.detail]),
  );
  expect(byAttribute).toMatchObject({
    description: expect.stringMatching(/70 characters; Venice allows at most 64/),
    expire_after: expect.stringMatching(/^expire_after .*duration/),
    limit_period: expect.stringMatching(/^limit_period must be one of "EPOCH", "MONTH", "LIFETIME"/),
  });
  expect(answer.diagnostics.every((d) => d.severity === 1)).toBe(true);
  expect(await emu.control.requests()).toEqual([]);
});

test("a plan keeps unknown values unknown, refined ones (extension 12) too, and plans every computed value unknown", async () => {
  // description = "child of ${other.id}": a refined unknown, {1: not null, 2: prefix "child of "}.
  const refined = new ExtData(
    12,
    Uint8Array.from([0x82, 0x01, 0xc2, 0x02, 0xa9, ...Buffer.from("child of ")]),
  );
  const raw = { ...config({}), description: refined, expired: null };
  const msgpack = Buffer.from(encode(raw));
  const plan = await plugin.call<{ planned_state: Dynamic } & Diagnostics>("PlanResourceChange", {
    type_name: "venice_api_key",
    prior_state: resource(null),
    proposed_new_state: { msgpack },
    config: { msgpack },
  });
  expect(plan.diagnostics).toEqual([]);
  const planned = state(plan.planned_state)!;
  expect(planned).toMatchObject({
    description: UNKNOWN_VALUE,
    api_key_type: "INFERENCE",
    limit_period: "EPOCH",
    model_privacy: "ALL",
    id: UNKNOWN_VALUE,
    key: UNKNOWN_VALUE,
    expires_at: null,
    issued_at: null,
  });
});

test("plan and apply create the key, read finds it unchanged, import reads it by id, and a planned delete removes it", async () => {
  await configure();
  const made = await create({
    description: "over grpc",
    consumption_limit: { usd: 5, diem: null },
    expires_at: "2030-01-01",
  });
  expect(made).toMatchObject({
    description: "over grpc",
    expires_at: "2030-01-01",
    consumption_limit: { usd: 5, diem: null },
  });
  expect(made.key).toMatch(/^VENICE_INFERENCE_KEY_/);
  expect(made.created_at).toEqual(expect.any(String));
  const [live] = await emu.control.activeKeys();
  expect(live).toMatchObject({ id: made.id, expiresAt: "2030-01-01T00:00:00.000Z" });

  const read = await plugin.call<{ new_state: Dynamic }>("ReadResource", {
    type_name: "venice_api_key",
    current_state: resource(made),
  });
  expect(state(read.new_state)).toEqual(made); // the configured spelling of the expiry is kept

  const imported = await plugin.call<{ imported_resources: Array<{ state: Dynamic }> } & Diagnostics>(
    "ImportResourceState",
    {
      type_name: "venice_api_key",
      id: made.id,
    },
  );
  expect(imported.diagnostics.map((d) => [d.severity, d.summary])).toEqual([
    [2, "The imported key's secret is unknown"],
  ]);
  const byId = await plugin.call<{ new_state: Dynamic }>("ReadResource", {
    type_name: "venice_api_key",
    current_state: imported.imported_resources[0]!.state,
  });
  expect(state(byId.new_state)).toMatchObject({
    id: made.id,
    description: "over grpc",
    key: null,
    expires_at: "2030-01-01T00:00:00.000Z",
  });

  const deleted = await plugin.call<{ new_state: Dynamic } & Diagnostics>("ApplyResourceChange", {
    type_name: "venice_api_key",
    prior_state: resource(made),
    planned_state: resource(null),
    config: resource(null),
  });
  expect(deleted.diagnostics).toEqual([]);
  expect(state(deleted.new_state)).toBeNull();
  expect(await emu.control.activeKeys()).toEqual([]);
  const gone = await plugin.call<{ new_state: Dynamic }>("ReadResource", {
    type_name: "venice_api_key",
    current_state: resource(made),
  });
  expect(state(gone.new_state)).toBeNull();
});

test("a planned update keeps the stable computed values and marks unknown only what the update may change", async () => {
  await configure();
  const made = await create({ description: "before" });
  const next = resource({ ...made, description: "after" });
  const plan = await plugin.call<{ planned_state: Dynamic; requires_replace: unknown[] }>(
    "PlanResourceChange",
    {
      type_name: "venice_api_key",
      prior_state: resource(made),
      proposed_new_state: next,
      config: resource(config({ description: "after" })),
    },
  );
  expect(plan.requires_replace).toEqual([]);
  expect(state(plan.planned_state)).toMatchObject({
    id: made.id,
    key: made.key,
    last6_chars: made.last6_chars,
    created_at: made.created_at,
    description: "after",
    expired: UNKNOWN_VALUE,
  });
});

test("a type change is planned as a replacement of api_key_type", async () => {
  await configure();
  const made = await create({ description: "typed" });
  const plan = await plugin.call<{ requires_replace: Array<{ steps: Array<{ attribute_name: string }> }> }>(
    "PlanResourceChange",
    {
      type_name: "venice_api_key",
      prior_state: resource(made),
      proposed_new_state: resource({ ...made, api_key_type: "ADMIN" }),
      config: resource(config({ description: "typed", api_key_type: "ADMIN" })),
    },
  );
  expect(plan.requires_replace.map((p) => p.steps.map((s) => s.attribute_name))).toEqual([["api_key_type"]]);
});

test("ReadDataSource serves venice_api_keys with the filters, and never a secret", async () => {
  await configure();
  await create({ description: "ci / one" });
  await create({ description: "other" });
  const answer = await plugin.call<{ state: Dynamic }>("ReadDataSource", {
    type_name: "venice_api_keys",
    config: { msgpack: encodeValue(DATA_KEYS_TYPE, { description_prefix: "ci /" }) },
  });
  const found = decodeValue(DATA_KEYS_TYPE, answer.state) as { keys: Array<Record<string, unknown>> };
  expect(found.keys.map((k) => k.description)).toEqual(["ci / one"]);
  expect(JSON.stringify(found)).not.toMatch(/VENICE_INFERENCE_KEY_/);
});

test("a failed operation is a diagnostic that names no secret, never a gRPC error", async () => {
  await configure();
  const answer = await plugin.call<Diagnostics>("ReadDataSource", {
    type_name: "venice_api_key",
    config: {
      msgpack: encodeValue((await import("../../provider/fronts/terraform/schema")).DATA_KEY_TYPE, {
        id: "7b1d6c47-9b7b-4b40-8f0b-8d8a0a3f6d11",
      }),
    },
  });
  expect(answer.diagnostics).toEqual([
    expect.objectContaining({ severity: 1, detail: expect.stringMatching(/no active key with id 7b1d6c47/) }),
  ]);
  expect(JSON.stringify(answer)).not.toContain(emu.adminKey);
});

test("Shutdown is answered, then the process exits", async () => {
  await plugin.shutdown();
  expect(await plugin.exited).toBe(0);
});

/**
 * The standalone provider (npm run release) with no Node.js on PATH, and its linux-arm64 build under
 * qemu's user-mode emulation where the machine has it (a wrapper runs it, as binfmt_misc would).
 */
const STANDALONES: Array<[string, string | undefined]> = [
  [
    "the standalone provider (npm run release), with no Node.js on PATH",
    existsSync(STANDALONE) ? STANDALONE : undefined,
  ],
  [
    "the linux-arm64 standalone provider (qemu)",
    ARM64_TERRAFORM_PROVIDER && qemuWrapper(ARM64_TERRAFORM_PROVIDER),
  ],
];

function qemuWrapper(executable: string): string {
  const wrapper = join(mkdtempSync(join(tmpdir(), "pulumi-venice-qemu-")), "terraform-provider-venice");
  writeFileSync(wrapper, `#!/bin/sh\nexec ${QEMU_AARCH64} ${executable} "$@"\n`, { mode: 0o755 });
  return wrapper;
}

describe.each(STANDALONES)("%s", (_name, executable) => {
  const available = executable ? test : test.skip;
  let standalone: PluginProcess;
  beforeEach(async () => {
    plugin.close();
    if (!executable) return;
    standalone = await startPlugin(
      { PATH: "/nonexistent", VENICE_ADMIN_API_KEY: "", VENICE_API_KEY: "", VENICE_BASE_URL: "" },
      executable,
    );
  });
  afterEach(() => standalone?.close());

  available("serves the same schema, and plans, applies, reads and deletes a key", async () => {
    expect(standalone.handshake).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|[A-Za-z0-9+/]+$/);
    const schema = await standalone.call<{ resource_schemas: Record<string, unknown> }>("GetProviderSchema");
    expect(Object.keys(schema.resource_schemas)).toEqual(["venice_api_key"]);
    await configure(standalone);
    const cfg = resource(config({ description: "standalone" }));
    const plan = await standalone.call<{ planned_state: Dynamic }>("PlanResourceChange", {
      type_name: "venice_api_key",
      prior_state: resource(null),
      proposed_new_state: cfg,
      config: cfg,
    });
    const applied = await standalone.call<{ new_state: Dynamic } & Diagnostics>("ApplyResourceChange", {
      type_name: "venice_api_key",
      prior_state: resource(null),
      planned_state: plan.planned_state,
      config: cfg,
    });
    expect(applied.diagnostics).toEqual([]);
    const made = state(applied.new_state)!;
    expect((await emu.control.activeKeys()).map((k) => k.id)).toEqual([made.id]);
    await standalone.call("ApplyResourceChange", {
      type_name: "venice_api_key",
      prior_state: resource(made),
      planned_state: resource(null),
      config: resource(null),
    });
    expect(await emu.control.activeKeys()).toEqual([]);
  });

  available("Shutdown is answered, then the process exits", async () => {
    await standalone.shutdown();
    expect(await standalone.exited).toBe(0);
  });
});
