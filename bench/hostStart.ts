import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../driver/pulumiCli";
import { median, type Row } from "./report";

/**
 * What a provider-host start costs in module loading: `require("pulumi-venice/provider")` in a fresh
 * Node, as the engine's host does once per command. Now (undici loaded on the first request, Node's
 * compile cache warm from an earlier command) against before (undici loaded with the provider, no
 * compile cache), each the median of 7 fresh processes.
 */
function loadMs(script: string, env: NodeJS.ProcessEnv): number {
  const out = execFileSync(process.execPath, ["-e", script], { cwd: REPO_ROOT, env, encoding: "utf8" });
  return Number(out.trim());
}

const timed = (body: string) =>
  `const t = process.hrtime.bigint(); ${body}; console.log(Number(process.hrtime.bigint() - t) / 1e6)`;

export function hostStart(): Row[] {
  const cache = mkdtempSync(join(tmpdir(), "pulumi-venice-compile-cache-"));
  const now = { ...process.env, NODE_COMPILE_CACHE: cache };
  const before = { ...process.env, NODE_DISABLE_COMPILE_CACHE: "1" };
  loadMs(timed('require("pulumi-venice/provider")'), now); // the earlier command that warmed the cache
  const runs = (script: string, env: NodeJS.ProcessEnv) =>
    median(Array.from({ length: 7 }, () => loadMs(script, env)));
  const lazy = runs(timed('require("pulumi-venice/provider")'), now);
  const eager = runs(timed('require("pulumi-venice/provider"); require("undici")'), before);
  return [
    {
      measure: "provider load at host start (check and diff; the client loads on first request)",
      value: Math.round(lazy),
      unit: "ms",
      budget: 80,
      note: `before: ${Math.round(eager)} ms (undici loaded with the provider, no compile cache)`,
    },
  ];
}
