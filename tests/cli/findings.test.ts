import { findings, type StackView } from "../../cli/findings";
import { viewOf } from "../../cli/stackState";
import type { VeniceKey } from "../../provider/client/schemas";

const NOW = new Date("2027-01-01T00:00:00.000Z");
const DAY = 86_400_000;
const POLICY = { now: NOW, expiringWithinMs: 14 * DAY, unusedForMs: 90 * DAY };
const key = (over: Partial<VeniceKey> = {}): VeniceKey => ({
  id: "k1",
  apiKeyType: "INFERENCE",
  description: "ci",
  createdAt: "2026-12-20T00:00:00.000Z",
  expiresAt: "2027-06-01T00:00:00.000Z",
  lastUsedAt: "2026-12-31T00:00:00.000Z",
  consumptionLimits: { usd: 5, diem: null, vcu: null },
  limitPeriod: "EPOCH",
  modelPrivacy: "ALL",
  ...over,
});
const stack = (ids: string[], pending: StackView["pendingCreates"] = []): StackView => ({
  name: "stack dev",
  keyIds: new Set(ids),
  pendingCreates: pending,
});
const kinds = (keys: VeniceKey[], stacks: StackView[] = []) =>
  findings(keys, stacks, POLICY).map((f) => f.kind);

test("a healthy key held by a given stack has no finding", () => {
  expect(kinds([key()], [stack(["k1"])])).toEqual([]);
});

test("a live key in none of the given stacks is unmanaged", () => {
  expect(findings([key()], [stack(["other"])], POLICY)).toEqual([
    expect.objectContaining({ kind: "unmanaged", keyId: "k1", reason: expect.stringMatching(/stack dev/) }),
  ]);
});

test("without any stack, nothing counts as unmanaged", () => {
  expect(kinds([key()])).toEqual([]);
});

test("an unmanaged key matching a create pending in a stack is marked interrupted", () => {
  const [finding] = findings([key()], [stack([], [{ apiKeyType: "INFERENCE", description: "ci" }])], POLICY);
  expect(finding).toMatchObject({
    kind: "unmanaged",
    interrupted: true,
    reason: expect.stringMatching(/interrupted run/),
  });
});

test("a key expiring within the window is expiring; one beyond it is not", () => {
  expect(kinds([key({ expiresAt: "2027-01-10T00:00:00.000Z" })])).toEqual(["expiring"]);
  expect(kinds([key({ expiresAt: "2027-01-20T00:00:00.000Z" })])).toEqual([]);
});

test("an ADMIN key without expiry is reported; an INFERENCE one is not", () => {
  expect(kinds([key({ apiKeyType: "ADMIN", expiresAt: null })])).toEqual(["admin-without-expiry"]);
  expect(kinds([key({ expiresAt: null })])).toEqual([]);
});

test("a key without any cap is uncapped; a 0 cap is a cap", () => {
  expect(kinds([key({ consumptionLimits: { usd: null, diem: null, vcu: null } })])).toEqual(["uncapped"]);
  expect(kinds([key({ consumptionLimits: undefined })])).toEqual(["uncapped"]);
  expect(kinds([key({ consumptionLimits: { usd: 0, diem: null, vcu: null } })])).toEqual([]);
});

test("a key not used for the window is unused, counting from creation when never used", () => {
  expect(kinds([key({ lastUsedAt: "2026-09-01T00:00:00.000Z" })])).toEqual(["unused"]);
  expect(kinds([key({ lastUsedAt: null, createdAt: "2026-01-01T00:00:00.000Z" })])).toEqual(["unused"]);
  expect(kinds([key({ lastUsedAt: null, createdAt: "2026-12-01T00:00:00.000Z" })])).toEqual([]);
});

test("a key can have several findings", () => {
  const bad = key({
    apiKeyType: "ADMIN",
    expiresAt: null,
    consumptionLimits: undefined,
    lastUsedAt: null,
    createdAt: "2025-01-01T00:00:00.000Z",
  });
  expect(kinds([bad], [stack([])]).sort()).toEqual([
    "admin-without-expiry",
    "uncapped",
    "unmanaged",
    "unused",
  ]);
});

test("a stack export is read for its ApiKey ids and pending creates, nothing else", () => {
  const view = viewOf("stack dev", {
    version: 3,
    deployment: {
      resources: [
        { type: "pulumi:pulumi:Stack", urn: "u0" },
        { type: "pulumi-nodejs:dynamic/venice:ApiKey", id: "k1", urn: "u1", inputs: { description: "ci" } },
      ],
      pending_operations: [
        {
          type: "creating",
          resource: {
            type: "pulumi-nodejs:dynamic/venice:ApiKey",
            urn: "u2",
            inputs: { description: "app", apiKeyType: "ADMIN" },
          },
        },
        { type: "deleting", resource: { type: "pulumi-nodejs:dynamic/venice:ApiKey", id: "k9", urn: "u3" } },
      ],
    },
  });
  expect([...view.keyIds]).toEqual(["k1"]);
  expect(view.pendingCreates).toEqual([{ apiKeyType: "ADMIN", description: "app" }]);
});

test("a document that is no stack export is refused with what it is not", () => {
  expect(() => viewOf("x.json", { hello: 1 })).toThrow(/x\.json is not a `pulumi stack export` document/);
});

test("the audit reads state holding the native type as well as the dynamic one", () => {
  const view = viewOf("both", {
    deployment: {
      resources: [
        { type: "pulumi-nodejs:dynamic/venice:ApiKey", id: "dynamic-id" },
        { type: "venice:index:ApiKey", id: "native-id" },
        { type: "pulumi:providers:venice", id: "provider-id" },
      ],
    },
  });
  expect([...view.keyIds].sort()).toEqual(["dynamic-id", "native-id"]);
});

describe("Terraform and OpenTofu state", () => {
  const tfstate = {
    version: 4,
    terraform_version: "1.12.6",
    resources: [
      {
        mode: "managed",
        type: "venice_api_key",
        name: "app",
        instances: [
          { index_key: "staging", attributes: { id: "id-staging", key: "VENICE_INFERENCE_KEY_secret" } },
          { index_key: "production", attributes: { id: "id-production" } },
        ],
      },
      {
        mode: "data",
        type: "venice_api_keys",
        name: "all",
        instances: [{ attributes: { id: "not-a-key" } }],
      },
      { mode: "managed", type: "other_thing", name: "x", instances: [{ attributes: { id: "id-other" } }] },
    ],
  };
  const shown = {
    format_version: "1.0",
    values: {
      root_module: {
        resources: [{ mode: "managed", type: "venice_api_key", values: { id: "id-root" } }],
        child_modules: [
          { resources: [{ mode: "managed", type: "venice_api_key", values: { id: "id-child" } }] },
        ],
      },
    },
  };

  test("a terraform.tfstate file names the ids of its managed venice_api_key resources", () => {
    expect([...viewOf("terraform.tfstate", tfstate).keyIds].sort()).toEqual(["id-production", "id-staging"]);
  });

  test("`tofu show -json` output names them too, child modules included", () => {
    expect([...viewOf("show.json", shown).keyIds].sort()).toEqual(["id-child", "id-root"]);
  });

  test("keys a Terraform state holds are not reported as unmanaged", () => {
    const keys = [key({ id: "id-staging" }), key({ id: "id-stray", description: "stray" })];
    const found = findings(keys, [viewOf("terraform.tfstate", tfstate)], POLICY);
    expect(found.filter((f) => f.kind === "unmanaged").map((f) => f.keyId)).toEqual(["id-stray"]);
  });
});
