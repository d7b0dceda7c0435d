import { VeniceKeyGoneError, VeniceSelfLockoutError } from "../../provider/core/errors";
import { inTerraformTerms } from "../../provider/fronts/terraform/schema";

/** The core's messages are written once, for every front; the Terraform front says them in tofu's terms. */
test("a key gone from Venice is told as tofu's refresh and apply, not Pulumi's", () => {
  const text = inTerraformTerms(new VeniceKeyGoneError("k1").message);
  expect(text).toContain("`tofu apply -refresh-only` to drop it from the state");
  expect(text).toContain("then `tofu apply` to create a new key");
  expect(text).not.toMatch(/pulumi/i);
});

test("the self-lockout refusal names the provider block's admin_api_key and a removed block", () => {
  const text = inTerraformTerms(new VeniceSelfLockoutError("k1", "delete").message);
  expect(text).toContain("the provider block's admin_api_key");
  expect(text).toContain("a `removed` block with `lifecycle { destroy = false }`");
  expect(text).not.toMatch(/pulumi|retainOnDelete|venice:adminApiKey/);
});

test("field names become attribute names", () => {
  expect(inTerraformTerms("apiKeyType must be INFERENCE or ADMIN; see expireAfter")).toBe(
    "api_key_type must be INFERENCE or ADMIN; see expire_after",
  );
});
