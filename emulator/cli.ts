#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startEmulator } from "./server";

const USAGE = `usage: venice-emulator [--port 8787] [--host 127.0.0.1] [--admin-key KEY] [--state FILE] [--no-control]

Serves an emulation of Venice's API-key admin endpoints under /api/v1 and a control API under /_emulator.
The admin key comes from --admin-key, else VENICE_EMULATOR_ADMIN_KEY, else a generated one.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8787" },
      host: { type: "string", default: "127.0.0.1" },
      "admin-key": { type: "string" },
      state: { type: "string" },
      "no-control": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
    process.exit(2);
  }
  const emulator = await startEmulator({
    port,
    host: values.host,
    adminKey: values["admin-key"],
    stateFile: values.state,
    control: !values["no-control"],
  });
  console.log(`venice-emulator listening on ${emulator.url}`);
  if (emulator.adminKeySource === "generated") {
    // A generated key is printed once so a person can use it; a supplied key is never echoed.
    console.log(`admin key: generated for this run: ${emulator.adminKey}`);
  } else {
    console.log(
      `admin key: from ${emulator.adminKeySource === "option" ? "--admin-key" : "VENICE_EMULATOR_ADMIN_KEY"}`,
    );
  }
  const stop = (signal: string) => {
    void emulator.close().then(() => {
      console.log(
        `venice-emulator stopped (${signal})${values.state ? `; state saved to ${values.state}` : ""}`,
      );
      process.exit(0);
    });
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(`venice-emulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
