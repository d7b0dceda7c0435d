"use strict";
// LanguageRuntime.Run: the program, through its own `@pulumi/pulumi/cmd/run`, in a child Node process,
// with config in PULUMI_CONFIG, exactly as Pulumi's Go host runs it.
const { spawn } = require("node:child_process");
const { langproto } = require("./pulumi");
const { runtimeOptions } = require("./options");
const { track } = require("./children");

function runProgram(engineAddress) {
  return (call, callback) => {
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
      `--engine=${engineAddress()}`,
      `--project=${req.getProject()}`,
      `--stack=${req.getStack()}`,
      `--pwd=${pwd}`,
      `--parallel=${req.getParallel() || 1}`,
    ];
    if (req.getOrganization()) args.push(`--organization=${req.getOrganization()}`);
    if (info && info.getRootDirectory()) args.push(`--root-directory=${info.getRootDirectory()}`);
    if (req.getDryrun()) args.push("--dry-run");
    args.push(entry);
    const options = runtimeOptions(info, pwd);
    const config = {};
    for (const [k, v] of req.getConfigMap().entries()) config[k] = v;
    const env = {
      ...process.env,
      ...options.env,
      PULUMI_CONFIG: JSON.stringify(config),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
    };
    const child = track(
      spawn(process.execPath, [...options.nodeArgs, ...args], {
        cwd: pwd,
        env,
        stdio: ["ignore", "inherit", "inherit"],
      }),
    );
    child.on("exit", (code, signal) => {
      const resp = new langproto.RunResponse();
      // 32 is cmd/run's "error already reported" exit code: the engine should just stop.
      if (code === 32) resp.setBail(true);
      else if (code !== 0)
        resp.setError(`Program exited with ${signal ? `signal ${signal}` : `non-zero exit code: ${code}`}`);
      callback(null, resp);
    });
  };
}

module.exports = { runProgram };
