"use strict";
// The analyzer the engine talks to while a policy pack starts, as Pulumi's Go host does it: the engine
// sends the stack's configuration (ConfigureStack) before the pack exists; the pack needs it in its
// environment (PULUMI_NODEJS_STACK, PULUMI_CONFIG, ...) to answer `pulumi.getStack()`. So this serves
// the Analyzer service itself, holds that request, and once the pack is up forwards every call to it.
const { grpc, analyzerproto, analyzerrpc } = require("./pulumi");

const MAX_MESSAGE = 400 * 1024 * 1024;

function startPolicyProxy() {
  let stackRequest;
  let settleConfig;
  const configured = new Promise((resolve) => (settleConfig = resolve));
  let resolveClient;
  let rejectClient;
  const clientReady = new Promise((resolve, reject) => ((resolveClient = resolve), (rejectClient = reject)));
  clientReady.catch(() => undefined);
  let client;

  const forward = (method) => (call, callback) => {
    settleConfig(undefined); // a call before ConfigureStack means there is none (e.g. `pulumi policy publish`)
    clientReady.then(
      (c) => c[method](call.request, callback),
      (err) =>
        callback({ code: grpc.status.UNAVAILABLE, details: `policy pack not started: ${err.message}` }),
    );
  };
  const server = new grpc.Server({ "grpc.max_receive_message_length": MAX_MESSAGE });
  server.addService(analyzerrpc.AnalyzerService, {
    analyze: forward("analyze"),
    analyzeStack: forward("analyzeStack"),
    remediate: forward("remediate"),
    getAnalyzerInfo: forward("getAnalyzerInfo"),
    getPluginInfo: forward("getPluginInfo"),
    configure: forward("configure"),
    cancel: forward("cancel"),
    handshake: (_call, callback) => callback(null, new analyzerproto.AnalyzerHandshakeResponse()),
    configureStack: (call, callback) => {
      stackRequest = call.request;
      settleConfig(call.request);
      callback(null, new analyzerproto.AnalyzerStackConfigureResponse());
    },
  });

  return new Promise((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
      if (err) return reject(err);
      resolve({
        port,
        /** The stack's configuration request, or undefined when the engine sent none. */
        configuration: () => configured,
        /**
         * Connects to the pack once it prints its port (its first stdout line); every later stdout
         * chunk goes to `forwardStdout`.
         */
        attach(child, forwardStdout) {
          let buffered = Buffer.alloc(0);
          let attached = false;
          child.stdout.on("data", (chunk) => {
            if (attached) return forwardStdout(chunk);
            buffered = Buffer.concat([buffered, chunk]);
            const newline = buffered.indexOf(10);
            if (newline < 0) return;
            attached = true;
            const packPort = Number(buffered.subarray(0, newline).toString().trim());
            const rest = buffered.subarray(newline + 1);
            if (rest.length > 0) forwardStdout(rest);
            if (!Number.isInteger(packPort) || packPort <= 0) {
              return rejectClient(new Error("the policy pack did not print its port"));
            }
            client = new analyzerrpc.AnalyzerClient(
              `127.0.0.1:${packPort}`,
              grpc.credentials.createInsecure(),
              {
                "grpc.max_receive_message_length": MAX_MESSAGE,
              },
            );
            if (!stackRequest) return resolveClient(client);
            client.configureStack(stackRequest, (configureErr) => {
              // Older packs do not implement ConfigureStack; that is fine.
              if (configureErr && configureErr.code !== grpc.status.UNIMPLEMENTED) {
                return rejectClient(new Error(`policy pack configuration failed: ${configureErr.message}`));
              }
              resolveClient(client);
            });
          });
          child.once("exit", (code) => rejectClient(new Error(`the policy pack exited with code ${code}`)));
        },
        close() {
          if (client) client.close();
          server.forceShutdown();
        },
      });
    });
  });
}

module.exports = { startPolicyProxy };
