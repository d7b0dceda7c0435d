// Part of `npm run release`: the Linux node binaries without their symbols and debug information
// (about 18 MiB of the 125 that node's official Linux builds carry). Smaller downloads, and a faster
// start of every tofu or terraform command: both hash the whole provider package against the lock file
// before they first start it (about half a millisecond per MiB here, once per command). Windows' node.exe keeps its
// symbols in a separate PDB and macOS' binaries are stripped and signed already: both are left as they are.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const { join } = require("node:path");

/** llvm-strip reads every architecture; binutils' strip only the building machine's own. */
function stripTool(isHost) {
  for (const tool of ["llvm-strip", ...(isHost ? ["strip"] : [])]) {
    try {
      execFileSync(tool, ["--version"], { stdio: "ignore" });
      return tool;
    } catch {
      // not installed: the next one
    }
  }
  return undefined;
}

/**
 * A stripped copy of a Linux node binary, made once per machine into `cache`; the binary itself where
 * the platform is not Linux or no strip tool is installed (the executables are then only larger).
 */
function strippedNode(platform, binary, { cache, isHost, say }) {
  if (platform.os !== "linux") return binary;
  const { size, mtimeMs } = fs.statSync(binary);
  const target = join(cache, "node-stripped", `${platform.node}-${size}-${Math.round(mtimeMs)}`, "node");
  if (fs.existsSync(target)) return target;
  const tool = stripTool(isHost);
  if (!tool) {
    say(`${platform.os}-${platform.arch}: no llvm-strip or strip installed: node's symbols stay in`);
    return binary;
  }
  fs.mkdirSync(join(target, ".."), { recursive: true });
  const partial = `${target}.partial`;
  execFileSync(tool, ["--strip-all", "-o", partial, binary], { stdio: ["ignore", "ignore", "inherit"] });
  fs.renameSync(partial, target);
  return target;
}

module.exports = { strippedNode };
