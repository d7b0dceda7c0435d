import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../../driver/pulumiCli";

/**
 * Go for the end-to-end suite: the Go SDK generated afresh (to compare with the committed one) and the
 * Go program of tests/fixtures/go-program built once per content, both cached beside the CLI.
 */
const CACHE =
  process.env.PULUMI_VENICE_CACHE ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "pulumi-venice");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)).map((f) => join(e.name, f)) : [e.name],
  );
}

/** The files of `dir`, relative path to content. */
export function tree(dir: string): Record<string, string> {
  return Object.fromEntries(
    files(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), "utf8")]),
  );
}

/** The Go SDK as toolchain/go-sdk.sh writes it from today's schema.json, in a fresh folder. */
export function generatedGoSdk(): string {
  const out = mkdtempSync(join(tmpdir(), "venice-go-sdk-"));
  execFileSync("bash", [join(REPO_ROOT, "toolchain/go-sdk.sh"), out], { stdio: "pipe" });
  return out;
}

/** The fixture program, built against the committed SDK; rebuilt only when either changed. */
export function goProgram(): string {
  const fixture = join(REPO_ROOT, "tests/fixtures/go-program");
  const sdk = join(REPO_ROOT, "sdk/go");
  const hash = createHash("sha256")
    .update(JSON.stringify([tree(fixture), tree(sdk)]))
    .digest("hex")
    .slice(0, 16);
  const binary = join(CACHE, `go-program-${hash}`, "go-program");
  if (existsSync(binary)) return binary;
  const work = mkdtempSync(join(tmpdir(), "venice-go-program-"));
  cpSync(fixture, work, { recursive: true });
  const mod = join(work, "go.mod");
  writeFileSync(mod, readFileSync(mod, "utf8").replace("=> ../../../sdk/go", `=> ${sdk}`));
  mkdirSync(join(CACHE, `go-program-${hash}`), { recursive: true });
  execFileSync("go", ["build", "-o", `${binary}.tmp`, "."], {
    cwd: work,
    env: { ...process.env, GOFLAGS: "-mod=mod" },
    stdio: "pipe",
  });
  renameSync(`${binary}.tmp`, binary);
  return binary;
}
