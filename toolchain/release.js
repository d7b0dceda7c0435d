#!/usr/bin/env node
// `npm run release`: both plugins as self-contained executables (Node single executable applications:
// a Node.js binary with the bundled plugin injected, so no Node.js is needed where they run), for every
// platform in release/platforms.js, in the layouts the engines download from, under dist-release/:
//   pulumi-resource-venice-v<version>-<os>-<arch>.tar.gz          `pulumi plugin install resource venice <version>`
//   terraform-provider-venice_<version>_<os>_<arch>.zip           a registry release, with
//   terraform-provider-venice_<version>_SHA256SUMS                 its checksums and
//   terraform-provider-venice_<version>_manifest.json              its manifest (protocol 6.0)
//   mirror/<registry host>/pulumi-venice/venice/<zip>              a filesystem mirror of the same zips
//   pulumi-resource-venice, terraform-provider-venice_v<version>   the building platform's two executables
// The building platform's executables start from a V8 start-up snapshot; the others run their script as
// it is (snapshots and code caches are specific to the platform that makes them). The injection breaks the
// signature Node's Windows and macOS binaries carry: on Windows it is cleared, on macOS replaced by an
// ad-hoc one (toolchain/macho-adhoc); a maintainer's own certificate signs either when given (signWindows,
// signMacos; README, Installing the plugins). Linux's node binaries lose their symbols first (release/strip.js).
// `--platforms=linux-amd64,linux-arm64` builds only those.
const { execFile, execFileSync } = require("node:child_process");
const { promisify } = require("node:util");
const { createHash } = require("node:crypto");
const { build } = require("esbuild");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { join } = path;
const { cacheRoot, exe, isHost, nodeBinaryFor, selectedPlatforms } = require("./release/platforms");
const { strippedNode } = require("./release/strip");
const { zip } = require("./release/zip");

const root = join(__dirname, "..");
const out = join(root, "dist-release");
const work = join(out, "work");
const { version } = JSON.parse(fs.readFileSync(join(root, "package.json"), "utf8"));
const hostNodeBinary = join(root, "node_modules/node/bin/node");
const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const say = (line) => process.stderr.write(`release: ${line}\n`);

async function bundle(entry, file) {
  await build({
    entryPoints: [join(root, entry)],
    outfile: join(work, file),
    bundle: true,
    platform: "node",
    target: "node22",
    // A start-up snapshot's script runs as a plain script (no `exports`): iife.
    format: "iife",
    minify: true,
    logLevel: "warning",
    legalComments: "none",
    // Facts only a built executable knows: its version, and that it is one (no package.json beside it).
    define: { PULUMI_VENICE_BUNDLED: "true", PULUMI_VENICE_VERSION: JSON.stringify(version) },
  });
}

/**
 * The blob a single executable carries: with `snapshot`, a V8 start-up snapshot (the heap after the
 * script ran at build time, so a start resumes with every module loaded and only runs the function the
 * script registered, see provider/fronts/terraform/snapshot.ts); without, the script itself.
 */
function blob(script, name, { snapshot }) {
  const config = join(work, `${name}.sea.json`);
  const output = join(work, `${name}.blob`);
  fs.writeFileSync(
    config,
    JSON.stringify({
      main: join(work, script),
      output,
      disableExperimentalSEAWarning: true,
      useSnapshot: snapshot,
      useCodeCache: false,
    }),
  );
  // The blob must come from the same Node as the binary it goes into (see release/platforms.js). Its
  // "experimental feature" warning is the builder's own chatter, not the executable's.
  // A snapshot's script runs here, its warm-up included (provider/fronts/terraform/warmUp.ts): the
  // builder's own VENICE_* settings (a base URL, a clock offset) stay out of it.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("VENICE_") && !k.startsWith("PULUMI_VENICE_")),
  );
  execFileSync(hostNodeBinary, ["--no-warnings", "--experimental-sea-config", config], {
    stdio: ["ignore", "ignore", "inherit"],
    env,
  });
  return output;
}

const run = promisify(execFile);

/**
 * The blob zero-padded to a multiple of 16 KiB, for Mach-O: the signer rewrites the file page by page
 * and drops a segment gap that is not page-aligned (the padding is ignored at run time).
 */
function padded(blobFile) {
  const target = `${blobFile}.padded`;
  if (!fs.existsSync(target)) {
    const data = fs.readFileSync(blobFile);
    const page = 16 * 1024;
    fs.writeFileSync(target, Buffer.concat([data, Buffer.alloc((page - (data.length % page)) % page)]));
  }
  return target;
}

/** A copy of the platform's node binary with the blob injected, at `file`. */
async function inject(platform, nodeBinary, blobFile, file) {
  fs.copyFileSync(nodeBinary, file);
  fs.chmodSync(file, 0o755);
  const macho = platform.os === "darwin" ? ["--macho-segment-name", "NODE_SEA"] : [];
  execFileSync(
    process.execPath,
    [
      require.resolve("postject/dist/cli.js"),
      file,
      "NODE_SEA_BLOB",
      blobFile,
      "--sentinel-fuse",
      FUSE,
      ...macho,
    ],
    // postject's LIEF prints harmless section-name warnings on stderr: kept out of the build's output.
    { stdio: ["ignore", "ignore", "ignore"] },
  );
  if (platform.os === "windows") {
    unsign(file);
    await signWindows(file);
  }
  if (platform.os === "darwin") {
    await run(adhocSigner(), [file, `com.pulumi-venice.${path.basename(file)}`]);
    await signMacos(file);
  }
}

/**
 * Node's own Authenticode signature no longer matches once the blob is in (postject adds a section after
 * it), and a broken signature is worse than none: the PE's certificate table entry (data directory 4) is
 * cleared, so the executable is plainly unsigned and a maintainer can sign it with their own certificate
 * (`osslsigncode sign`, see the README). Windows does not check the PE checksum of applications.
 */
function unsign(file) {
  const pe = fs.readFileSync(file);
  const optionalHeader = pe.readUInt32LE(0x3c) + 24;
  if (pe.readUInt16LE(optionalHeader) !== 0x20b) throw new Error(`${file}: not a PE32+ executable`);
  pe.fill(0, optionalHeader + 112 + 4 * 8, optionalHeader + 112 + 5 * 8);
  fs.writeFileSync(file, pe);
}

/**
 * toolchain/macho-adhoc, built once per content into the tool cache (from the Go module proxy): the
 * ad-hoc signature every darwin executable gets, since the injection drops Node's and macOS on Apple
 * silicon runs nothing unsigned. Checked offline (tests/e2e/release.test.ts); not run on a Mac.
 */
let signer;
function adhocSigner() {
  if (signer) return signer;
  const source = join(root, "toolchain/macho-adhoc");
  const hash = createHash("sha256");
  for (const f of ["go.mod", "go.sum", "main.go"]) hash.update(fs.readFileSync(join(source, f)));
  signer = join(cacheRoot(), `macho-adhoc-${hash.digest("hex").slice(0, 16)}`, "macho-adhoc");
  if (!fs.existsSync(signer)) {
    say("building toolchain/macho-adhoc (once per machine)");
    execFileSync("go", ["build", "-o", signer, "."], { cwd: source, stdio: ["ignore", "ignore", "inherit"] });
  }
  return signer;
}

/**
 * A maintainer's own signature, where they provide one (nothing is signed otherwise):
 * PULUMI_VENICE_SIGN_WINDOWS_PFX (a PKCS#12 file) and PULUMI_VENICE_SIGN_WINDOWS_PASSWORD sign each
 * Windows executable with osslsigncode (Debian's package; checked here with a self-made certificate);
 * PULUMI_VENICE_SIGN_MACOS_IDENTITY signs each macOS one with `codesign` (on a Mac only; not run here).
 */
let passwordFile;
/** One file for the whole release, outside dist-release, removed however the release ends. */
function signingPasswordFile() {
  if (passwordFile) return passwordFile;
  const folder = fs.mkdtempSync(join(os.tmpdir(), "pulumi-venice-signing-"));
  process.on("exit", () => fs.rmSync(folder, { recursive: true, force: true }));
  passwordFile = join(folder, "password");
  fs.writeFileSync(passwordFile, process.env.PULUMI_VENICE_SIGN_WINDOWS_PASSWORD ?? "", { mode: 0o600 });
  return passwordFile;
}

async function signWindows(file) {
  const pfx = process.env.PULUMI_VENICE_SIGN_WINDOWS_PFX;
  if (!pfx) return;
  // The password goes in a file only we can read, never on a command line (which a failure would print).
  const passwordFile = signingPasswordFile();
  try {
    await run("osslsigncode", [
      "sign",
      "-pkcs12",
      pfx,
      "-readpass",
      passwordFile,
      "-n",
      "pulumi-venice",
      "-h",
      "sha256",
      "-in",
      file,
      "-out",
      `${file}.signed`,
    ]);
  } catch (err) {
    throw new Error(`osslsigncode could not sign ${path.basename(file)}: ${(err.stderr ?? "").trim()}`);
  }
  fs.renameSync(`${file}.signed`, file);
}

async function signMacos(file) {
  const identity = process.env.PULUMI_VENICE_SIGN_MACOS_IDENTITY;
  if (!identity) return;
  await run("codesign", ["--sign", identity, "--force", "--options", "runtime", file]);
}

const sha256 = (file) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

async function main() {
  const platforms = selectedPlatforms(process.argv.slice(2));
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  say(`bundling both plugins (version ${version}; ${platforms.map((p) => `${p.os}-${p.arch}`).join(", ")})`);
  await bundle("dist/provider/fronts/pulumi/snapshot.js", "pulumi-resource-venice.js");
  await bundle("dist/provider/fronts/terraform/snapshot.js", "terraform-provider-venice.js");
  const blobs = {};
  const blobFor = (name, snapshot) =>
    (blobs[`${name}:${snapshot}`] ??= blob(`${name}.js`, `${name}${snapshot ? ".snapshot" : ""}`, {
      snapshot,
    }));

  // Two platforms at a time: postject and the compression are single-threaded, and the machine has two cores.
  const zips = [];
  const queue = [...platforms];
  const worker = async () => {
    for (let platform = queue.shift(); platform; platform = queue.shift()) zips.push(await release(platform));
  };
  const release = async (platform) => {
    const label = `${platform.os}-${platform.arch}`;
    const host = isHost(platform);
    say(`${label}: both executables${host ? " (with start-up snapshots)" : ""}`);
    const nodeBinary = strippedNode(platform, nodeBinaryFor(platform, root, say), {
      cache: cacheRoot(),
      isHost: host,
      say,
    });
    const folder = join(work, label);
    fs.mkdirSync(folder, { recursive: true });

    const pulumiName = exe(platform, "pulumi-resource-venice");
    const pulumiPlugin = join(folder, pulumiName);
    const tfName = exe(platform, `terraform-provider-venice_v${version}`);
    const tfProvider = join(folder, tfName);
    const blobOf = (name) => (platform.os === "darwin" ? padded(blobFor(name, host)) : blobFor(name, host));
    await Promise.all([
      inject(platform, nodeBinary, blobOf("pulumi-resource-venice"), pulumiPlugin),
      inject(platform, nodeBinary, blobOf("terraform-provider-venice"), tfProvider),
    ]);
    const tarball = join(out, `pulumi-resource-venice-v${version}-${label}.tar.gz`);
    const zipName = `terraform-provider-venice_${version}_${platform.os}_${platform.arch}.zip`;
    await Promise.all([
      run("tar", ["-czf", tarball, "-C", folder, pulumiName]),
      zip(join(out, zipName), [{ name: tfName, data: fs.readFileSync(tfProvider), mode: 0o755 }]),
    ]);
    if (host) {
      for (const file of [pulumiPlugin, tfProvider]) {
        const copy = join(out, file.slice(folder.length + 1));
        fs.copyFileSync(file, copy);
        fs.chmodSync(copy, 0o755);
      }
    }
    return zipName;
  };
  // The blobs first (they are shared between platforms), then the platforms.
  for (const host of new Set(platforms.map(isHost))) {
    blobFor("pulumi-resource-venice", host);
    blobFor("terraform-provider-venice", host);
  }
  await Promise.all([worker(), worker()]);
  zips.sort();

  const manifest = `terraform-provider-venice_${version}_manifest.json`;
  fs.writeFileSync(
    join(out, manifest),
    `${JSON.stringify({ version: 1, metadata: { protocol_versions: ["6.0"] } }, null, 2)}\n`,
  );
  const sums = [...zips, manifest].map((f) => `${sha256(join(out, f))}  ${f}`).join("\n");
  fs.writeFileSync(join(out, `terraform-provider-venice_${version}_SHA256SUMS`), `${sums}\n`);
  for (const registry of ["registry.opentofu.org", "registry.terraform.io"]) {
    const folder = join(out, "mirror", registry, "pulumi-venice", "venice");
    fs.mkdirSync(folder, { recursive: true });
    // Hard links: the same files twice over would double a release of about 250 MiB.
    for (const zipName of zips) fs.linkSync(join(out, zipName), join(folder, zipName));
  }
  fs.rmSync(work, { recursive: true, force: true });
  for (const f of fs.readdirSync(out)) say(`  dist-release/${f}`);
}

main().catch((err) => {
  say(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
