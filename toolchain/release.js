#!/usr/bin/env node
// `npm run release`: both plugins as self-contained executables (Node single executable applications:
// the `node` devDependency's binary with the bundled plugin injected, so no Node.js is needed where they
// run), in the layouts the engines download from, under dist-release/:
//   pulumi-resource-venice-v<version>-<os>-<arch>.tar.gz          `pulumi plugin install resource venice <version>`
//   terraform-provider-venice_<version>_<os>_<arch>.zip           a registry release, with
//   terraform-provider-venice_<version>_SHA256SUMS                 its checksums and
//   terraform-provider-venice_<version>_manifest.json              its manifest (protocol 6.0)
//   mirror/<registry host>/pulumi-venice/venice/<zip>              a filesystem mirror of the same zips
// Only the building platform (linux-amd64 here) is built: the start-up snapshot and code cache that make
// the executables start fast are specific to the platform that makes them (see README, Installing the plugins).
const { execFileSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const { build } = require("esbuild");
const fs = require("node:fs");
const { join } = require("node:path");
const zlib = require("node:zlib");

const root = join(__dirname, "..");
const out = join(root, "dist-release");
const work = join(out, "work");
const { version } = JSON.parse(fs.readFileSync(join(root, "package.json"), "utf8"));
const nodeBinary = join(root, "node_modules/node/bin/node");
const os = { linux: "linux", darwin: "darwin", win32: "windows" }[process.platform];
const arch = { x64: "amd64", arm64: "arm64" }[process.arch];
const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const say = (line) => process.stderr.write(`release: ${line}\n`);

async function bundle(entry, file, format = "cjs") {
  await build({
    entryPoints: [join(root, entry)],
    outfile: join(work, file),
    bundle: true,
    platform: "node",
    target: "node22",
    // A start-up snapshot's script runs as a plain script (no `exports`): iife.
    format,
    minify: true,
    logLevel: "warning",
    legalComments: "none",
    // Facts only a built executable knows: its version, and that it is one (no package.json beside it).
    define: { PULUMI_VENICE_BUNDLED: "true", PULUMI_VENICE_VERSION: JSON.stringify(version) },
  });
}

/**
 * A Node single executable: the blob injected into a copy of the node binary. The blob holds either
 * V8's code cache of the script (compiled, still to be run at every start) or, with `snapshot`, a
 * start-up snapshot: the heap after the script ran at build time, so a start resumes with every module
 * already loaded and only runs the function the script registered (v8.startupSnapshot).
 */
function singleExecutable(script, name, { snapshot = false } = {}) {
  const config = join(work, `${name}.sea.json`);
  const blob = join(work, `${name}.blob`);
  fs.writeFileSync(
    config,
    JSON.stringify({
      main: join(work, script),
      output: blob,
      disableExperimentalSEAWarning: true,
      ...(snapshot ? { useSnapshot: true } : { useCodeCache: true }),
    }),
  );
  // The blob must come from the same Node as the binary it goes into.
  // Its "experimental feature" warning is the builder's own chatter, not the executable's.
  execFileSync(nodeBinary, ["--no-warnings", "--experimental-sea-config", config], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const executable = join(work, name);
  fs.copyFileSync(nodeBinary, executable);
  fs.chmodSync(executable, 0o755);
  execFileSync(
    process.execPath,
    [require.resolve("postject/dist/cli.js"), executable, "NODE_SEA_BLOB", blob, "--sentinel-fuse", FUSE],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  return executable;
}

/** A zip archive (deflated), as the Terraform registry's releases are: no zip tool needed. */
function zip(file, entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data, mode } of entries) {
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const crc = zlib.crc32(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, deflated);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode below is read
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt16LE(0, 30);
    central.writeUInt16LE(0, 32);
    central.writeUInt16LE(0, 34);
    central.writeUInt16LE(0, 36);
    central.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38); // a regular file, its permissions
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...locals, directory, end]));
}

const sha256 = (file) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

async function main() {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  say(`bundling both plugins (version ${version}, ${os}-${arch})`);
  await bundle("dist/provider/fronts/pulumi/main.js", "pulumi-resource-venice.js");
  await bundle("dist/provider/fronts/terraform/snapshot.js", "terraform-provider-venice.js", "iife");

  say("pulumi-resource-venice: single executable");
  const pulumiPlugin = singleExecutable("pulumi-resource-venice.js", "pulumi-resource-venice");
  const tarball = join(out, `pulumi-resource-venice-v${version}-${os}-${arch}.tar.gz`);
  execFileSync("tar", ["-czf", tarball, "-C", work, "pulumi-resource-venice"]);

  say("terraform-provider-venice: single executable");
  const tfProvider = singleExecutable("terraform-provider-venice.js", "terraform-provider-venice", {
    snapshot: true,
  });
  const zipName = `terraform-provider-venice_${version}_${os}_${arch}.zip`;
  const zipFile = join(out, zipName);
  zip(zipFile, [
    { name: `terraform-provider-venice_v${version}`, data: fs.readFileSync(tfProvider), mode: 0o755 },
  ]);
  const manifest = `terraform-provider-venice_${version}_manifest.json`;
  fs.writeFileSync(
    join(out, manifest),
    `${JSON.stringify({ version: 1, metadata: { protocol_versions: ["6.0"] } }, null, 2)}\n`,
  );
  const sums = [zipName, manifest].map((f) => `${sha256(join(out, f))}  ${f}`).join("\n");
  fs.writeFileSync(join(out, `terraform-provider-venice_${version}_SHA256SUMS`), `${sums}\n`);
  for (const host of ["registry.opentofu.org", "registry.terraform.io"]) {
    const folder = join(out, "mirror", host, "pulumi-venice", "venice");
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(zipFile, join(folder, zipName));
  }
  fs.copyFileSync(pulumiPlugin, join(out, "pulumi-resource-venice"));
  fs.copyFileSync(tfProvider, join(out, `terraform-provider-venice_v${version}`));
  fs.chmodSync(join(out, "pulumi-resource-venice"), 0o755);
  fs.chmodSync(join(out, `terraform-provider-venice_v${version}`), 0o755);
  fs.rmSync(work, { recursive: true, force: true });
  for (const f of fs.readdirSync(out)) say(`  dist-release/${f}`);
}

main().catch((err) => {
  say(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
