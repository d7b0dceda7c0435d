import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

const CLI = resolve(__dirname, "../../dist/emulator/cli.js");

async function startCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [CLI, "--port", "0", ...args], {
    env: { ...process.env, VENICE_EMULATOR_ADMIN_KEY: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = (await lines.next()).value as string;
  const second = (await lines.next()).value as string;
  return { child, first, second, lines };
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  child.kill(signal);
  const [code] = await once(child, "exit");
  return code as number;
}

test("the CLI prints its URL and generated admin key, and the key works", async () => {
  const { child, first, second } = await startCli([]);
  try {
    const url = /^venice-emulator listening on (http:\/\/127\.0\.0\.1:\d+\/api\/v1)$/.exec(first)![1]!;
    const key = /^admin key: generated for this run: (\S+)$/.exec(second)![1]!;
    const res = await fetch(`${url}/api_keys`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
  } finally {
    await stop(child);
  }
});

test("the CLI takes the admin key from VENICE_EMULATOR_ADMIN_KEY and never prints it", async () => {
  const secret = "VENICE_ADMIN_KEY_fromenvironment00000000000000000000000000";
  const { child, first, second } = await startCli([], { VENICE_EMULATOR_ADMIN_KEY: secret });
  try {
    expect(second).toBe("admin key: from VENICE_EMULATOR_ADMIN_KEY");
    expect(first + second).not.toContain(secret);
  } finally {
    await stop(child);
  }
});

test("the CLI saves state on SIGINT when --state is given", async () => {
  const stateFile = join(mkdtempSync(join(tmpdir(), "venice-cli-")), "state.json");
  const { child, first } = await startCli([
    "--admin-key",
    "VENICE_ADMIN_KEY_cli00000000000000000000000000000000000000",
    "--state",
    stateFile,
  ]);
  const url = first.split(" ").pop()!;
  await fetch(`${url}/api_keys`, {
    method: "POST",
    headers: {
      authorization: "Bearer VENICE_ADMIN_KEY_cli00000000000000000000000000000000000000",
      "content-type": "application/json",
    },
    body: JSON.stringify({ apiKeyType: "INFERENCE", description: "saved by cli" }),
  });
  expect(await stop(child, "SIGINT")).toBe(0);
  expect(readFileSync(stateFile, "utf8")).toContain("saved by cli");
});

test("the CLI rejects a bad port with a message naming the flag", async () => {
  const child = spawn(process.execPath, [CLI, "--port", "eighty"], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const [code] = await once(child, "exit");
  expect(code).toBe(2);
  expect(stderr).toMatch(/--port must be a whole number/);
});
