import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { REPO_ROOT } from "./pulumiCli";

/**
 * A project that consumes pulumi-venice the way a user's does: the packed tarball installed from
 * npm's format into node_modules next to @pulumi/pulumi, never a relative import. Examples are copied
 * beneath it, so what the engine serializes and loads is exactly what a user's state would hold.
 *
 * The dependency install is cached per dependency set in the temp folder (CI's fresh clone on the same
 * machine reuses it); the package itself is re-packed and re-installed whenever its build changed.
 */
const ROOT = REPO_ROOT;
const DEPENDENCIES = [
  "@pulumi/pulumi@3.276.0",
  "@pulumi/policy@1.21.0",
  "typescript@5.9.3",
  "@types/node@22",
];

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function digest(parts: string[]): string {
  return createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 16);
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export function consumerDir(): string {
  const pkg = readFileSync(join(ROOT, "package.json"), "utf8");
  const dir = join(tmpdir(), `pulumi-venice-consumer-${digest([...DEPENDENCIES, pkg])}`);
  if (!existsSync(join(dir, "node_modules", "@pulumi", "pulumi"))) {
    const staging = mkdtempSync(`${dir}-staging-`);
    writeFileSync(join(staging, "package.json"), JSON.stringify({ name: "venice-consumer", private: true }));
    npm(["install", "--prefer-offline", ...DEPENDENCIES], staging);
    try {
      renameSync(staging, dir);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process won the race
    }
  }

  const build = digest(
    files(join(ROOT, "dist"))
      .sort()
      .map((f) => `${f}:${readFileSync(f, "utf8")}`)
      .concat(pkg),
  );
  const marker = join(dir, ".pulumi-venice-build");
  if (!existsSync(marker) || readFileSync(marker, "utf8") !== build) {
    const packDir = mkdtempSync(join(tmpdir(), "pulumi-venice-pack-"));
    const tarball = npm(["pack", "--pack-destination", packDir], ROOT).trim().split("\n").pop()!;
    npm(["install", "--prefer-offline", "--no-save", join(packDir, basename(tarball)), ...DEPENDENCIES], dir);
    writeFileSync(marker, build);
  }
  return dir;
}

/** A fresh copy of examples/<name> inside the consumer project. */
export function exampleProject(name: string): string {
  return projectCopy(join(ROOT, "examples", name), name);
}

/**
 * A fresh copy of the Pulumi project in `source` inside the consumer project, with a node_modules of
 * its own as a user's project has: paths such as node_modules/pulumi-venice/policy in the examples' CI
 * steps then work from the project folder as written.
 */
export function projectCopy(source: string, name: string): string {
  const base = consumerDir();
  mkdirSync(join(base, "projects"), { recursive: true });
  const target = mkdtempSync(join(base, "projects", `${name}-`));
  cpSync(source, target, { recursive: true, filter: (src) => !src.includes("node_modules") });
  symlinkSync(join(base, "node_modules"), join(target, "node_modules"), "dir");
  return target;
}
