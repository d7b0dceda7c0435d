#!/usr/bin/env node
// Part of `npm run build`: the Terraform provider as two files in dist/bundle/, which its launcher runs.
// Tofu starts the provider several times per command, and its start is this front's first cost:
// - terraform-provider-venice.js holds only what the handshake needs (grpc-js, the protocol, the
//   certificate), so the line is printed before the rest is even read;
// - server.js (the provider: the core, zod, the client) is required right after the line is printed.
// Minified: less to compile. One file each: node_modules' hundreds of files take twice as long to load.
const { build } = require("esbuild");
const { join } = require("node:path");

const root = join(__dirname, "..");
const common = {
  bundle: true,
  platform: "node",
  target: "node22",
  format: "cjs",
  minify: true,
  logLevel: "warning",
  legalComments: "eof",
};
const terraform = join(root, "dist/provider/fronts/terraform");
const main = join(terraform, "main.js");
/** main.js's own require("./server") stays a require of the second file (other modules' "./server" do not). */
const serverApart = {
  name: "server-apart",
  setup(build) {
    build.onResolve({ filter: /^\.\/server$/ }, (args) =>
      args.importer === main ? { path: "./server.js", external: true } : undefined,
    );
  },
};
Promise.all([
  build({
    ...common,
    entryPoints: [main],
    outfile: join(root, "dist/bundle/terraform-provider-venice.js"),
    plugins: [serverApart],
  }),
  build({
    ...common,
    entryPoints: [join(terraform, "server.js")],
    outfile: join(root, "dist/bundle/server.js"),
  }),
]).catch(() => process.exit(1));
