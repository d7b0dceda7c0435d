import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, TOOLS_BIN } from "../../driver/pulumiCli";
import { spawnCollecting } from "../../driver/spawn";
import { E2E_TIMEOUT } from "../helpers/e2e";
import { startTestEmulator } from "../helpers/emulator";
import { unzipOnly } from "../helpers/zip";

/**
 * The release as a user installs it where no Node.js is: `npm run release`'s executables and archives
 * (dist-release/), with a PATH that holds only the CLIs under test. `pulumi plugin install` from the
 * tarball, then a YAML project with no plugins block manages keys; `tofu init` from the mirror layout of
 * the zips, then apply, refresh and destroy.
 */
jest.setTimeout(E2E_TIMEOUT);

const RELEASE = join(REPO_ROOT, "dist-release");
const { version } = require(join(REPO_ROOT, "package.json")) as { version: string };

/** A folder of links to just these CLIs: the whole PATH of the runs below. */
function pathOf(...tools: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "pulumi-venice-nonode-"));
  for (const tool of tools) symlinkSync(realpathSync(join(TOOLS_BIN, tool)), join(dir, tool));
  return dir;
}

const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) =>
  spawnCollecting(command, args, { cwd, env }).finished;

const PLATFORMS = [
  ["linux", "amd64"],
  ["linux", "arm64"],
  ["darwin", "amd64"],
  ["darwin", "arm64"],
  ["windows", "amd64"],
  ["windows", "arm64"],
] as const;
const zipOf = (os: string, arch: string) => `terraform-provider-venice_${version}_${os}_${arch}.zip`;
const tarballOf = (os: string, arch: string) => `pulumi-resource-venice-v${version}-${os}-${arch}.tar.gz`;

test("the release holds both executables and the registries' layouts, for every platform", () => {
  expect(readdirSync(RELEASE).sort()).toEqual(
    [
      "mirror",
      "pulumi-resource-venice",
      `terraform-provider-venice_${version}_SHA256SUMS`,
      `terraform-provider-venice_${version}_manifest.json`,
      `terraform-provider-venice_v${version}`,
      ...PLATFORMS.flatMap(([os, arch]) => [zipOf(os, arch), tarballOf(os, arch)]),
    ].sort(),
  );
  for (const host of ["registry.opentofu.org", "registry.terraform.io"]) {
    expect(readdirSync(join(RELEASE, "mirror", host, "pulumi-venice/venice")).sort()).toEqual(
      PLATFORMS.map(([os, arch]) => zipOf(os, arch)).sort(),
    );
  }
});

test("SHA256SUMS names every zip and the manifest with their real digests", () => {
  const sums = readFileSync(join(RELEASE, `terraform-provider-venice_${version}_SHA256SUMS`), "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(/\s+/) as [string, string]);
  expect(sums.map(([, file]) => file).sort()).toEqual(
    [
      ...PLATFORMS.map(([os, arch]) => zipOf(os, arch)),
      `terraform-provider-venice_${version}_manifest.json`,
    ].sort(),
  );
  for (const [digest, file] of sums) {
    expect(
      createHash("sha256")
        .update(readFileSync(join(RELEASE, file)))
        .digest("hex"),
    ).toBe(digest);
  }
});

/** The executable format and CPU each archive's file is built for, read from its header. */
function binaryKind(file: Buffer): string {
  if (file.readUInt32BE(0) === 0x7f454c46)
    return `elf-${{ 0x3e: "amd64", 0xb7: "arm64" }[file.readUInt16LE(18)]}`;
  if (file.readUInt32LE(0) === 0xfeedfacf)
    return `macho-${{ 0x01000007: "amd64", 0x0100000c: "arm64" }[file.readUInt32LE(4)]}`;
  if (file.toString("latin1", 0, 2) === "MZ") {
    const pe = file.readUInt32LE(0x3c);
    return `pe-${{ 0x8664: "amd64", 0xaa64: "arm64" }[file.readUInt16LE(pe + 4)]}`;
  }
  return "unknown";
}
const FORMAT = { linux: "elf", darwin: "macho", windows: "pe" } as const;

/**
 * A Mach-O file's code signature as macOS checks an ad-hoc one: LC_CODE_SIGNATURE points at a
 * SuperBlob whose CodeDirectory (big-endian) carries the ad-hoc flag and one SHA-256 per code page;
 * every page must hash to its slot. Returns the flags and how many pages were checked.
 */
function machoSignature(file: Buffer): { flags: number; pages: number; bad: number } | undefined {
  const ncmds = file.readUInt32LE(16);
  let at = 32;
  for (let i = 0; i < ncmds; i++) {
    const cmd = file.readUInt32LE(at);
    if (cmd === 0x1d) {
      const dataoff = file.readUInt32LE(at + 8);
      if (file.readUInt32BE(dataoff) !== 0xfade0cc0) return undefined;
      const count = file.readUInt32BE(dataoff + 8);
      for (let j = 0; j < count; j++) {
        const cd = dataoff + file.readUInt32BE(dataoff + 12 + j * 8 + 4);
        if (file.readUInt32BE(cd) !== 0xfade0c02) continue;
        const flags = file.readUInt32BE(cd + 12);
        const hashOffset = file.readUInt32BE(cd + 16);
        const nCodeSlots = file.readUInt32BE(cd + 28);
        const codeLimit = file.readUInt32BE(cd + 32);
        const hashSize = file[cd + 36]!;
        const pageSize = 2 ** file[cd + 39]!;
        let bad = 0;
        for (let page = 0; page < nCodeSlots; page++) {
          const start = page * pageSize;
          const digest = createHash("sha256")
            .update(file.subarray(start, Math.min(start + pageSize, codeLimit)))
            .digest();
          const slot = file.subarray(
            cd + hashOffset + page * hashSize,
            cd + hashOffset + (page + 1) * hashSize,
          );
          if (!digest.subarray(0, hashSize).equals(slot)) bad++;
        }
        return { flags, pages: nCodeSlots, bad };
      }
      return undefined;
    }
    at += file.readUInt32LE(at + 4);
  }
  return undefined;
}
/** A PE32+ file's certificate table (data directory 4): where an Authenticode signature sits. */
function certificateTableSize(file: Buffer): number {
  const optional = file.readUInt32LE(0x3c) + 24;
  return file.readUInt32LE(optional + 112 + 4 * 8 + 4);
}
/** An ELF64 file's section names (from its section headers and their string table). */
function elfSectionNames(file: Buffer): string[] {
  const shoff = Number(file.readBigUInt64LE(0x28));
  const shentsize = file.readUInt16LE(0x3a);
  const shnum = file.readUInt16LE(0x3c);
  const names = shoff + file.readUInt16LE(0x3e) * shentsize;
  const strtab = Number(file.readBigUInt64LE(names + 0x18));
  return Array.from({ length: shnum }, (_, i) => {
    const start = strtab + file.readUInt32LE(shoff + i * shentsize);
    return file.toString("latin1", start, file.indexOf(0, start));
  });
}
/** The release strips Linux's node binaries when a strip tool is installed (toolchain/release/strip.js). */
const hasTool = (tool: string) => {
  try {
    execFileSync(tool, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const STRIPPED: Record<string, boolean> = {
  amd64: hasTool("llvm-strip") || (process.arch === "x64" && hasTool("strip")),
  arm64: hasTool("llvm-strip") || (process.arch === "arm64" && hasTool("strip")),
};

/** postject flips the fuse's last character from 0 to 1 once the blob is in. */
const FUSE_SET = Buffer.from("NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1");

test.each(PLATFORMS)(
  "the %s-%s files are executables of that platform, each carrying its plugin",
  (os, arch) => {
    const folder = mkdtempSync(join(tmpdir(), "pulumi-venice-unpack-"));
    execFileSync("tar", ["-xzf", join(RELEASE, tarballOf(os, arch)), "-C", folder]);
    const exe = os === "windows" ? ".exe" : "";
    expect(readdirSync(folder)).toEqual([`pulumi-resource-venice${exe}`]);
    const plugin = readFileSync(join(folder, `pulumi-resource-venice${exe}`));
    const provider = unzipOnly(readFileSync(join(RELEASE, zipOf(os, arch))));
    expect(provider.name).toBe(`terraform-provider-venice_v${version}${exe}`);
    for (const file of [plugin, provider.data]) {
      expect(binaryKind(file)).toBe(`${FORMAT[os]}-${arch}`);
      expect(file.includes(FUSE_SET)).toBe(true);
      // Every tofu command hashes the whole package: node's symbols are not shipped (the tool allowing).
      if (os === "linux" && STRIPPED[arch]) {
        expect(elfSectionNames(file)).not.toContain(".symtab");
        expect(elfSectionNames(file)).not.toContain(".debug_info");
      }
      // Node's Authenticode signature breaks in the injection: the release removes it.
      if (os === "windows") expect(certificateTableSize(file)).toBe(0);
      // macOS on Apple silicon runs nothing unsigned: each darwin executable is ad-hoc signed, every page.
      if (os === "darwin") {
        const signature = machoSignature(file);
        expect(signature && (signature.flags & 0x2) !== 0).toBe(true);
        expect(signature!.pages).toBeGreaterThan(1000);
        expect(signature!.bad).toBe(0);
      }
    }
  },
);

test("with no Node.js on PATH, pulumi plugin install from the tarball, then a YAML program manages keys", async () => {
  const path = pathOf("pulumi", "pulumi-language-yaml");
  const noNode = await run("/bin/sh", ["-c", "command -v node"], tmpdir(), { PATH: path });
  expect(noNode.code).not.toBe(0);
  const emu = await startTestEmulator();
  const home = mkdtempSync(join(tmpdir(), "pulumi-venice-home-"));
  const project = mkdtempSync(join(tmpdir(), "pulumi-venice-yaml-"));
  const env = {
    PATH: path,
    HOME: home,
    PULUMI_HOME: join(home, ".pulumi"),
    PULUMI_BACKEND_URL: `file://${home}`,
    PULUMI_CONFIG_PASSPHRASE: "release-test",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    VENICE_ADMIN_API_KEY: emu.adminKey,
    VENICE_BASE_URL: emu.url,
  };
  try {
    const tarball = join(RELEASE, `pulumi-resource-venice-v${version}-linux-amd64.tar.gz`);
    const installed = await run(
      "pulumi",
      ["plugin", "install", "resource", "venice", version, "--file", tarball],
      project,
      env,
    );
    expect({ code: installed.code, output: installed.code === 0 ? "" : installed.output }).toEqual({
      code: 0,
      output: "",
    });
    writeFileSync(
      join(project, "Pulumi.yaml"),
      `name: release\nruntime: yaml\nresources:\n  ci:\n    type: venice:index:ApiKey\n    properties:\n      description: release / ci\n      consumptionLimit:\n        usd: 5\noutputs:\n  id: \${ci.id}\n`,
    );
    const pulumi = (...args: string[]) =>
      run("pulumi", [...args, "--non-interactive", "--stack", "release"], project, env);
    expect((await run("pulumi", ["stack", "init", "release", "--non-interactive"], project, env)).code).toBe(
      0,
    );
    const up = await pulumi("up", "--yes", "--skip-preview");
    expect({ code: up.code, output: up.code === 0 ? "" : up.output }).toEqual({ code: 0, output: "" });
    expect((await emu.control.activeKeys()).map((k) => k.description)).toEqual(["release / ci"]);
    expect((await pulumi("refresh", "--yes", "--skip-preview")).code).toBe(0);
    expect((await pulumi("destroy", "--yes", "--skip-preview")).code).toBe(0);
    expect(await emu.control.activeKeys()).toEqual([]);
  } finally {
    await emu.close();
  }
});

test("with no Node.js on PATH, tofu init from the release's mirror, then apply, refresh and destroy", async () => {
  const path = pathOf("tofu");
  expect((await run("/bin/sh", ["-c", "command -v node"], tmpdir(), { PATH: path })).code).not.toBe(0);
  const emu = await startTestEmulator();
  const dir = mkdtempSync(join(tmpdir(), "pulumi-venice-tofu-release-"));
  const mirror = join(RELEASE, "mirror");
  writeFileSync(
    join(dir, "cli.tfrc"),
    `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.opentofu.org/pulumi-venice/venice"]\n  }\n  direct {\n    exclude = ["registry.opentofu.org/pulumi-venice/venice"]\n  }\n}\n`,
  );
  writeFileSync(
    join(dir, "main.tf"),
    `terraform {\n  required_providers {\n    venice = { source = "pulumi-venice/venice" }\n  }\n}\nresource "venice_api_key" "ci" {\n  description = "release / tofu"\n}\n`,
  );
  const env = {
    PATH: path,
    HOME: dir,
    TF_CLI_CONFIG_FILE: join(dir, "cli.tfrc"),
    TF_IN_AUTOMATION: "1",
    TF_LOG: "DEBUG", // to a file (the provider's stderr included), shown when a step fails
    TF_LOG_PATH: join(dir, "tofu.log"),
    VENICE_ADMIN_API_KEY: emu.adminKey,
    VENICE_BASE_URL: emu.url,
  };
  const logTail = () => {
    try {
      return readFileSync(join(dir, "tofu.log"), "utf8").split("\n").slice(-40).join("\n");
    } catch {
      return "(no log)";
    }
  };
  try {
    const tofu = (...args: string[]) => run("tofu", [...args, "-no-color"], dir, env);
    const init = await tofu("init");
    expect({ code: init.code, output: init.code === 0 ? "" : `${init.output}\n${logTail()}` }).toEqual({
      code: 0,
      output: "",
    });
    expect(init.output).toMatch(/Installed pulumi-venice\/venice v/);
    const apply = await tofu("apply", "-auto-approve");
    expect({ code: apply.code, output: apply.code === 0 ? "" : apply.output }).toEqual({
      code: 0,
      output: "",
    });
    expect((await emu.control.activeKeys()).map((k) => k.description)).toEqual(["release / tofu"]);
    const refresh = await tofu("plan", "-refresh-only", "-detailed-exitcode");
    expect({
      code: refresh.code,
      output: refresh.code === 0 ? "" : `${refresh.output}\n${logTail()}`,
    }).toEqual({ code: 0, output: "" });
    const destroy = await tofu("destroy", "-auto-approve");
    expect({
      code: destroy.code,
      output: destroy.code === 0 ? "" : `${destroy.output}\n${logTail()}`,
    }).toEqual({ code: 0, output: "" });
    expect(await emu.control.activeKeys()).toEqual([]);
  } finally {
    await emu.close();
  }
});

test("the standalone executables start without Node.js: they refuse a start that is not the engine's", () => {
  const env = { PATH: "/nonexistent" };
  const tf = (() => {
    try {
      execFileSync(join(RELEASE, `terraform-provider-venice_v${version}`), [], { env, stdio: "pipe" });
      return "exit 0";
    } catch (err) {
      return String((err as { stderr?: Buffer }).stderr);
    }
  })();
  expect(tf).toMatch(/This binary is a plugin/);
});
