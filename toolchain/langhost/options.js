"use strict";
// Runtime options from Pulumi.yaml / PulumiPolicy.yaml (`runtime.options`), mapped as the Go host maps them.
const path = require("node:path");

/** Environment additions and node arguments for a program or plugin described by `info` (ProgramInfo). */
function runtimeOptions(info, fallbackDir) {
  const options = info && info.getOptions() ? info.getOptions().toJavaScript() : {};
  const env = { PULUMI_NODEJS_TYPESCRIPT: options.typescript === false ? "false" : "true" };
  if (typeof options.tsconfig === "string") {
    const base = (info && info.getRootDirectory()) || fallbackDir;
    env.PULUMI_NODEJS_TSCONFIG_PATH = path.resolve(base, options.tsconfig);
  }
  const nodeArgs = typeof options.nodeargs === "string" ? options.nodeargs.split(/\s+/).filter(Boolean) : [];
  return { env, nodeArgs };
}

/** `["K=V", ...]` as the engine sends environments, to an object. */
function envFromList(list) {
  const env = {};
  for (const entry of list) {
    const eq = entry.indexOf("=");
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

module.exports = { runtimeOptions, envFromList };
