import { redact } from "../../provider/client/redact";

test("known secrets are replaced wherever they appear", () => {
  expect(redact("token=sk-live-123456789 end", ["sk-live-123456789"])).toBe("token=[REDACTED] end");
});

test("anything shaped like a Venice key is replaced", () => {
  expect(redact("got VENICE_INFERENCE_KEY_abcDEF123_-xyz789012 back")).toBe("got [REDACTED] back");
});

test("bearer tokens are replaced", () => {
  expect(redact('header "Authorization: Bearer abc.def.ghi"')).toBe(
    'header "Authorization: Bearer [REDACTED]"',
  );
});

test("text without secrets is unchanged", () => {
  expect(redact("Venice answered 400: API key not found")).toBe("Venice answered 400: API key not found");
});
