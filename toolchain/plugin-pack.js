// `npm run plugin:pack`: the native plugin as a tarball that `pulumi plugin install resource venice
// <version> --file <tarball>` accepts: the launcher at its root, beside the packed package and what it
// needs at run time (zod, undici, @pulumi/pulumi for the gRPC stubs) in node_modules. Prints its path.
// Usage: node toolchain/plugin-pack.js [--out DIR]   (default: dist-plugin/)
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const outIndex = process.argv.indexOf("--out");
const out = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : path.join(root, "dist-plugin"));
const npm = (args, cwd) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });

const staging = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-resource-venice-"));
try {
  const tarball = npm(["pack", "--pack-destination", staging], root).trim().split("\n").pop();
  fs.writeFileSync(
    path.join(staging, "package.json"),
    JSON.stringify({
      name: "pulumi-resource-venice",
      private: true,
      dependencies: {
        "pulumi-venice": `file:./${tarball}`,
        "@pulumi/pulumi": manifest.devDependencies["@pulumi/pulumi"],
      },
    }),
  );
  npm(["install", "--omit=dev", "--prefer-offline"], staging);
  fs.rmSync(path.join(staging, tarball));
  fs.copyFileSync(
    path.join(root, "bin", "pulumi-resource-venice"),
    path.join(staging, "pulumi-resource-venice"),
  );
  fs.chmodSync(path.join(staging, "pulumi-resource-venice"), 0o755);
  fs.mkdirSync(out, { recursive: true });
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch] ?? process.arch;
  const file = path.join(
    out,
    `pulumi-resource-venice-v${manifest.version}-${process.platform}-${arch}.tar.gz`,
  );
  execFileSync("tar", ["-czf", file, "-C", staging, "."]);
  process.stdout.write(`${file}\n`);
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}
