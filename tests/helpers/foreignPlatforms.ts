import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipOnly } from "./zip";

/**
 * The release's linux-arm64 executables, run on this amd64 machine under qemu's user-mode emulation
 * (Debian's qemu-user-static, with the arm64 C and C++ runtimes; .ci/run installs them), taken out of
 * the archives a user downloads. Undefined where qemu, the runtimes or the release are missing: the tests
 * that need them are then left out.
 */
const RELEASE = join(__dirname, "../../dist-release");
const { version } = require("../../package.json") as { version: string };

function which(command: string): string | undefined {
  try {
    return execFileSync("/bin/sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export const QEMU_AARCH64 = which("qemu-aarch64-static") ?? which("qemu-aarch64");
const TARBALL = join(RELEASE, `pulumi-resource-venice-v${version}-linux-arm64.tar.gz`);
const ZIP = join(RELEASE, `terraform-provider-venice_${version}_linux_arm64.zip`);
const runnable =
  QEMU_AARCH64 !== undefined &&
  existsSync("/lib/ld-linux-aarch64.so.1") &&
  existsSync(TARBALL) &&
  existsSync(ZIP);

function unpacked(): string | undefined {
  if (!runnable) return undefined;
  const folder = join(tmpdir(), `pulumi-venice-linux-arm64-${statSync(TARBALL).mtimeMs}`);
  if (existsSync(folder)) return folder;
  // Those of older release builds (about 260 MB each) go first; only this build's is used again.
  // (This build's own folder and its workers' staging folders, "<folder>.<pid>", are left alone.)
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith("pulumi-venice-linux-arm64-") && !join(tmpdir(), name).startsWith(folder))
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
  // Unpacked beside, then renamed into place: jest's workers may get here at once.
  const staging = `${folder}.${process.pid}`;
  mkdirSync(staging, { recursive: true });
  execFileSync("tar", ["-xzf", TARBALL, "-C", staging]);
  const provider = join(staging, `terraform-provider-venice_v${version}`);
  writeFileSync(provider, unzipOnly(readFileSync(ZIP)).data);
  chmodSync(provider, 0o755);
  try {
    renameSync(staging, folder);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another worker's is in place
  }
  return folder;
}

const folder = unpacked();
export const ARM64_PULUMI_PLUGIN = folder && join(folder, "pulumi-resource-venice");
export const ARM64_TERRAFORM_PROVIDER = folder && join(folder, `terraform-provider-venice_v${version}`);
