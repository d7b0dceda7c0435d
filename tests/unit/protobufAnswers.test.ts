import { Registry } from "../../provider/fronts/terraform/protobuf";
import { PROTOCOL } from "../../provider/fronts/terraform/protocol";

/** How the protocol registry serializes a method's answers: frozen ones once, others at every call. */
type Method = { responseSerialize(v: unknown): Buffer; responseDeserialize(b: Buffer): unknown };
const registry = new Registry(PROTOCOL);
const method = (registry.service("tfplugin6.Provider") as Record<string, Method>).ValidateProviderConfig!;
const answer = () => ({ diagnostics: [{ severity: 1, summary: "one", detail: "two" }] });

test("a frozen answer is encoded once: later calls get the same bytes", () => {
  const frozen = Object.freeze(answer());
  const first = method.responseSerialize(frozen);
  expect(method.responseSerialize(frozen)).toBe(first);
  expect(method.responseDeserialize(first)).toMatchObject(answer());
});

test("an answer that is not frozen is encoded at every call, so a change to it is sent", () => {
  const open = answer();
  const first = method.responseSerialize(open);
  open.diagnostics[0]!.summary = "changed";
  const second = method.responseSerialize(open);
  expect(second).not.toBe(first);
  expect(method.responseDeserialize(second)).toMatchObject({ diagnostics: [{ summary: "changed" }] });
});

test("a service is made once per registry, so its answers' encodings are shared by every server", () => {
  expect(registry.service("tfplugin6.Provider")).toBe(registry.service("tfplugin6.Provider"));
});
