"use strict";
// LanguageRuntime.RunPlugin, as Pulumi's Go host serves it: a plugin written in Node.js run through the
// program's own @pulumi/pulumi (`cmd/run-policy-pack` for policy packs, the "analyzer" kind;
// `cmd/run-plugin` otherwise), its stdout and stderr streamed back to the engine, then its exit code.
const { spawn } = require("node:child_process");
const { grpc, langproto } = require("./pulumi");
const { envFromList, runtimeOptions } = require("./options");
const { track } = require("./children");
const { startPolicyProxy } = require("./policyProxy");

function runPlugin() {
  return (call) => {
    const req = call.request;
    const info = req.getInfo();
    const programDir =
      (info && info.getProgramDirectory()) || req.getProgram() || req.getPwd() || process.cwd();
    const analyzer = req.getKind() === "analyzer";
    let ended = false;
    const send = (set, value) => {
      if (ended) return;
      const resp = new langproto.RunPluginResponse();
      resp[set](value);
      call.write(resp);
    };
    const fail = (message) => {
      if (ended) return;
      ended = true;
      call.emit("error", { code: grpc.status.UNKNOWN, details: message });
    };

    const runPath = analyzer
      ? "@pulumi/pulumi/cmd/run-policy-pack"
      : process.env.PULUMI_LANGUAGE_NODEJS_RUN_PATH || "@pulumi/pulumi/cmd/run-plugin";
    let script;
    try {
      script = require.resolve(runPath, { paths: [programDir] });
    } catch {
      return fail(
        `${runPath} cannot be found from ${programDir}: install @pulumi/pulumi in the project that uses this ` +
          (analyzer ? "policy pack (npm install @pulumi/pulumi @pulumi/policy)" : "plugin"),
      );
    }
    const options = runtimeOptions(info, programDir);
    const engineEnv = req.getEnvList().length > 0 ? envFromList(req.getEnvList()) : { ...process.env };
    const env = { ...engineEnv, ...options.env };
    // Policy packs take the program folder last, other plugins first; packs run in their own folder.
    const args = analyzer
      ? [...options.nodeArgs, script, ...req.getArgsList(), programDir]
      : [...options.nodeArgs, script, programDir, ...req.getArgsList()];
    const cwd = analyzer ? programDir : req.getPwd() || programDir;

    let child;
    let proxy;
    call.on("cancelled", () => {
      ended = true;
      if (child) child.kill("SIGKILL");
      if (proxy) proxy.close();
    });
    const start = (extraEnv) => {
      if (ended) return;
      child = track(
        spawn(process.execPath, args, {
          cwd,
          env: { ...env, ...extraEnv },
          stdio: ["ignore", "pipe", "pipe"],
        }),
      );
      if (proxy) proxy.attach(child, (chunk) => send("setStdout", chunk));
      else child.stdout.on("data", (chunk) => send("setStdout", chunk));
      child.stderr.on("data", (chunk) => send("setStderr", chunk));
      child.on("error", (err) => fail(`could not start ${runPath}: ${err.message}`));
      child.on("close", (code, signal) => {
        if (proxy) proxy.close();
        send("setExitcode", code === null ? (signal ? 128 : 1) : code);
        if (!ended) {
          ended = true;
          call.end();
        }
      });
    };

    if (!analyzer) return start({});
    startPolicyProxy().then(
      (started) => {
        proxy = started;
        send("setStdout", Buffer.from(`${proxy.port}\n`));
        return proxy.configuration().then((config) => {
          const extra = {};
          if (config) {
            const set = (k, v) => v && (extra[k] = v);
            set("PULUMI_NODEJS_ORGANIZATION", config.getOrganization());
            set("PULUMI_NODEJS_PROJECT", config.getProject());
            set("PULUMI_NODEJS_STACK", config.getStack());
            extra.PULUMI_NODEJS_DRY_RUN = String(config.getDryRun());
            const stackConfig = {};
            for (const [k, v] of config.getConfigMap().entries()) stackConfig[k] = v;
            extra.PULUMI_CONFIG = JSON.stringify(stackConfig);
          }
          start(extra);
        });
      },
      (err) => fail(`could not start the policy pack proxy: ${err.message}`),
    );
  };
}

module.exports = { runPlugin };
