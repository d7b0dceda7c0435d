import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { AuditIo } from "./audit";

/**
 * `pulumi-venice terraform-mirror DIR`: lays out the installed package's Terraform provider as a
 * filesystem mirror (the "unpacked" layout) for both registries' hostnames, and prints the CLI
 * configuration that points `tofu init` / `terraform init` at it. Each entry is a two-line launcher
 * that runs this package's `bin/terraform-provider-venice`, so the mirror follows upgrades of the package
 * until its version changes (then run this again: the lock file names the version).
 */
export const MIRROR_USAGE = `usage: pulumi-venice terraform-mirror DIR [--host HOST]...

  DIR          where to lay out the mirror (created if missing)
  --host HOST  a registry hostname to lay out for (default: registry.opentofu.org and registry.terraform.io)

Prints the CLI configuration (for TF_CLI_CONFIG_FILE or ~/.tofurc / ~/.terraformrc) that makes
\`tofu init\` and \`terraform init\` install pulumi-venice/venice from DIR, offline.`;

export const PROVIDER_SOURCE = "pulumi-venice/venice";
const DEFAULT_HOSTS = ["registry.opentofu.org", "registry.terraform.io"];

/** Terraform's names for the platform: `linux_amd64`, `darwin_arm64`, `windows_amd64`. */
export function terraformPlatform(platform = process.platform, arch = process.arch): string {
  const os = platform === "win32" ? "windows" : platform;
  const cpu = arch === "x64" ? "amd64" : arch === "ia32" ? "386" : arch;
  return `${os}_${cpu}`;
}

/** The CLI configuration for a mirror at `dir`. */
export function mirrorConfig(dir: string, hosts: readonly string[] = DEFAULT_HOSTS): string {
  const addresses = hosts.map((h) => `"${h}/${PROVIDER_SOURCE}"`).join(", ");
  return `provider_installation {
  filesystem_mirror {
    path    = "${dir}"
    include = [${addresses}]
  }
  direct {
    exclude = [${addresses}]
  }
}
`;
}

export async function layMirror(
  dir: string,
  options: { version: string; launcher: string; hosts?: readonly string[] },
): Promise<string[]> {
  const hosts = options.hosts ?? DEFAULT_HOSTS;
  const written: string[] = [];
  for (const host of hosts) {
    const folder = join(dir, host, PROVIDER_SOURCE, options.version, terraformPlatform());
    await mkdir(folder, { recursive: true });
    const entry = join(folder, `terraform-provider-venice_v${options.version}`);
    // exec, and nothing printed: tofu reads the handshake line from the first byte of stdout.
    await writeFile(entry, `#!/bin/sh\nexec "${options.launcher}" "$@"\n`);
    await chmod(entry, 0o755);
    written.push(entry);
  }
  return written;
}

export async function terraformMirror(argv: string[], io: AuditIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { host: { type: "string", multiple: true }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    io.err(`pulumi-venice terraform-mirror: ${(err as Error).message}\n\n${MIRROR_USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(`${MIRROR_USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    io.err(`pulumi-venice terraform-mirror: give exactly one DIR\n\n${MIRROR_USAGE}\n`);
    return 2;
  }
  const dir = resolve(parsed.positionals[0]!);
  const root = join(__dirname, "../..");
  const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
  const hosts = parsed.values.host?.length ? parsed.values.host : DEFAULT_HOSTS;
  const written = await layMirror(dir, {
    version,
    launcher: join(root, "bin/terraform-provider-venice"),
    hosts,
  });
  for (const entry of written) io.err(`wrote ${entry}\n`);
  io.err(
    `\nPoint tofu (or terraform) at it with this CLI configuration (e.g. in a file named by TF_CLI_CONFIG_FILE):\n\n`,
  );
  io.out(mirrorConfig(dir, hosts));
  return 0;
}
