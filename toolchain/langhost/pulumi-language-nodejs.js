#!/usr/bin/env node
// A stand-in for Pulumi's Go language host (`pulumi-language-nodejs`), used only where that binary
// cannot be had: the Go module proxy here refuses github.com/pulumi/pulumi/sdk/nodejs/cmd/
// pulumi-language-nodejs/v3 at every version (403). It does what the Go host does for what this project
// ships: runs programs (runProgram.js) and policy packs (runPlugin.js, policyProxy.js), answers
// Handshake, About and the dependency queries, answers everything else UNIMPLEMENTED, and exits, with everything it started, when its engine is gone.
"use strict";
const { grpc, emptyProto, langproto, langrpc, pluginproto, pulumiVersion } = require("./pulumi");
const { killAll } = require("./children");
const { watchEngine } = require("./engineWatch");
const { runProgram } = require("./runProgram");
const { runPlugin } = require("./runPlugin");

let engineAddress = process.argv.slice(2).find((a) => !a.startsWith("-")) ?? "";

function engineGone() {
  killAll();
  process.exit(0);
}
watchEngine(engineAddress, engineGone);

const unimplementedUnary = (name) => (_call, callback) =>
  callback({
    code: grpc.status.UNIMPLEMENTED,
    details: `${name} is not implemented by pulumi-venice's language host`,
  });

function handshake(call, callback) {
  // Newer engines announce themselves here rather than on the command line.
  const address = call.request.getEngineAddress();
  if (address) {
    engineAddress = address;
    watchEngine(address, engineGone);
  }
  callback(null, new langproto.LanguageHandshakeResponse());
}

function about(_call, callback) {
  const resp = new langproto.AboutResponse();
  resp.setExecutable(process.execPath);
  resp.setVersion(process.version.replace(/^v/, ""));
  resp.getMetadataMap().set("languageHost", "pulumi-venice stand-in");
  callback(null, resp);
}

function getProgramDependencies(call, callback) {
  // Pulumi packages the program resolves, as `pulumi about` lists them.
  const resp = new langproto.GetProgramDependenciesResponse();
  const info = call.request.getInfo();
  const dir = (info && info.getProgramDirectory()) || call.request.getPwd() || process.cwd();
  for (const name of ["@pulumi/pulumi", "@pulumi/policy", "pulumi-venice"]) {
    try {
      const version = require(require.resolve(`${name}/package.json`, { paths: [dir] })).version;
      const dep = new langproto.DependencyInfo();
      dep.setName(name);
      dep.setVersion(version);
      resp.addDependencies(dep);
    } catch {
      // not installed there
    }
  }
  callback(null, resp);
}

const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
server.addService(langrpc.LanguageRuntimeService, {
  handshake,
  getRequiredPlugins: (_call, callback) => callback(null, new langproto.GetRequiredPluginsResponse()),
  getRequiredPackages: (_call, callback) => callback(null, new langproto.GetRequiredPackagesResponse()),
  run: runProgram(() => engineAddress),
  getPluginInfo: (_call, callback) => {
    const resp = new pluginproto.PluginInfo();
    resp.setVersion(pulumiVersion);
    callback(null, resp);
  },
  installDependencies: (call) => call.end(), // dependencies are installed by npm, not by the engine
  runtimeOptionsPrompts: (_call, callback) => callback(null, new langproto.RuntimeOptionsResponse()),
  template: unimplementedUnary("Template"),
  about,
  getProgramDependencies,
  runPlugin: runPlugin(),
  generateProgram: unimplementedUnary("GenerateProgram"),
  generateProject: unimplementedUnary("GenerateProject"),
  generatePackage: unimplementedUnary("GeneratePackage"),
  pack: unimplementedUnary("Pack"),
  link: unimplementedUnary("Link"),
  cancel: (_call, callback) => callback(null, new emptyProto.Empty()),
});
// An RPC a newer engine adds that this host does not list is answered UNIMPLEMENTED by grpc-js itself.

server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    console.error(`pulumi-language-nodejs (pulumi-venice stand-in): ${err.message}`);
    process.exit(1);
  }
  process.stdout.write(`${port}\n`);
});
process.on("SIGTERM", () => (killAll("SIGTERM"), process.exit(0)));
