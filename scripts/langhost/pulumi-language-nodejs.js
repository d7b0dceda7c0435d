#!/usr/bin/env node
// A stand-in for Pulumi's Go language host (`pulumi-language-nodejs`), used only where that binary
// cannot be had: the Go module proxy here refuses github.com/pulumi/pulumi/sdk/nodejs/cmd/
// pulumi-language-nodejs/v3 at every version (403). It serves the LanguageRuntime RPCs the engine needs
// for up/preview/refresh/destroy and runs the program exactly as the Go host does: through the
// program's own `@pulumi/pulumi/cmd/run`, in a child Node process, with config in PULUMI_CONFIG.
"use strict";
const { spawn } = require("node:child_process");
const path = require("node:path");

// The gRPC stubs must come from the same @pulumi/pulumi copy as the program's (a second
// google-protobuf copy breaks the generated stubs), so resolve from the working folder first.
function resolveFrom(request) {
  return require.resolve(request, { paths: [process.cwd(), __dirname] });
}
const pulumiDir = path.dirname(resolveFrom("@pulumi/pulumi/package.json"));
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] }));
const langproto = require(path.join(pulumiDir, "proto/language_pb.js"));
const langrpc = require(path.join(pulumiDir, "proto/language_grpc_pb.js"));
const pluginproto = require(path.join(pulumiDir, "proto/plugin_pb.js"));
const pulumiVersion = require(path.join(pulumiDir, "package.json")).version;

const engineAddress = process.argv.slice(2).find((a) => !a.startsWith("-")) ?? "";

function unimplemented(name) {
  return (_call, callback) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented` });
}

function run(call, callback) {
  const req = call.request;
  const info = req.getInfo();
  const pwd = req.getPwd() || process.cwd();
  const programDir = (info && info.getProgramDirectory()) || pwd;
  const entry = (info && info.getEntryPoint()) || req.getProgram() || ".";
  let runScript;
  try {
    runScript = require.resolve("@pulumi/pulumi/cmd/run", { paths: [programDir] });
  } catch {
    const resp = new langproto.RunResponse();
    resp.setError(`@pulumi/pulumi is not installed in ${programDir}; run \`npm install\` there first`);
    return callback(null, resp);
  }
  const args = [
    runScript,
    `--monitor=${req.getMonitorAddress()}`,
    `--engine=${engineAddress}`,
    `--project=${req.getProject()}`,
    `--stack=${req.getStack()}`,
    `--pwd=${pwd}`,
    `--parallel=${req.getParallel() || 1}`,
  ];
  if (req.getOrganization()) args.push(`--organization=${req.getOrganization()}`);
  if (info && info.getRootDirectory()) args.push(`--root-directory=${info.getRootDirectory()}`);
  if (req.getDryrun()) args.push("--dry-run");
  args.push(entry);
  // Runtime options from Pulumi.yaml (`runtime.options`), mapped as the Go host maps them.
  const options = info && info.getOptions() ? info.getOptions().toJavaScript() : {};
  const config = {};
  for (const [k, v] of req.getConfigMap().entries()) config[k] = v;
  const env = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
    PULUMI_NODEJS_TYPESCRIPT: options.typescript === false ? "false" : "true",
  };
  if (typeof options.tsconfig === "string") {
    const base = (info && info.getRootDirectory()) || pwd;
    env.PULUMI_NODEJS_TSCONFIG_PATH = path.resolve(base, options.tsconfig);
  }
  const nodeArgs = typeof options.nodeargs === "string" ? options.nodeargs.split(/\s+/).filter(Boolean) : [];
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: pwd,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("exit", (code, signal) => {
    const resp = new langproto.RunResponse();
    // 32 is cmd/run's "error already reported" exit code: the engine should just stop.
    if (code === 32) resp.setBail(true);
    else if (code !== 0)
      resp.setError(`Program exited with ${signal ? `signal ${signal}` : `non-zero exit code: ${code}`}`);
    callback(null, resp);
  });
}

const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
server.addService(langrpc.LanguageRuntimeService, {
  handshake: unimplemented("Handshake"),
  getRequiredPlugins: (_call, callback) => callback(null, new langproto.GetRequiredPluginsResponse()),
  getRequiredPackages: (_call, callback) => callback(null, new langproto.GetRequiredPackagesResponse()),
  run,
  getPluginInfo: (_call, callback) => {
    const resp = new pluginproto.PluginInfo();
    resp.setVersion(pulumiVersion);
    callback(null, resp);
  },
  installDependencies: (call) => call.end(),
  runtimeOptionsPrompts: (_call, callback) => callback(null, new langproto.RuntimeOptionsResponse()),
  template: unimplemented("Template"),
  about: (_call, callback) => {
    const resp = new langproto.AboutResponse();
    resp.setExecutable(process.execPath);
    resp.setVersion(process.version);
    callback(null, resp);
  },
  getProgramDependencies: (_call, callback) => callback(null, new langproto.GetProgramDependenciesResponse()),
  runPlugin: unimplemented("RunPlugin"),
  generateProgram: unimplemented("GenerateProgram"),
  generateProject: unimplemented("GenerateProject"),
  generatePackage: unimplemented("GeneratePackage"),
  pack: unimplemented("Pack"),
  link: unimplemented("Link"),
  cancel: (_call, callback) =>
    callback(
      null,
      new (require(
        require.resolve("google-protobuf/google/protobuf/empty_pb.js", { paths: [pulumiDir] }),
      ).Empty)(),
    ),
});
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    console.error(`pulumi-language-nodejs (pulumi-venice stand-in): ${err.message}`);
    process.exit(1);
  }
  process.stdout.write(`${port}\n`);
});
