// First, so that Node caches the compilation of everything below (see compileCache.ts).
import "../shared/compileCache";
import { flushCompileCache } from "node:module";
import { launch } from "./launch";

/**
 * The Terraform/OpenTofu provider's entry, as `bin/terraform-provider-venice` runs it under node.
 *
 * Tofu starts the provider afresh 2 to 5 times per command, so the start is this front's first cost:
 * only what the handshake needs (the gRPC server on node:http2, the protocol) loads before the line is
 * printed; the provider itself (the core, zod, the client) loads right after it, while tofu connects.
 * (The standalone executable starts from a snapshot with all of it loaded: snapshot.ts.)
 */
launch(
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the handshake on purpose
  () => (require("./server") as typeof import("./server")).providerService(),
  // Node writes its compile cache only at a normal exit, and tofu ends its providers: write it now.
  () => flushCompileCache?.(),
);
