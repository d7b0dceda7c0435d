import { execFile } from "node:child_process";
import { delimiter, dirname, join } from "node:path";
import { consumerDir } from "../../driver/consumer";
import { E2E_TIMEOUT } from "../helpers/e2e";
import { startTestEmulator } from "../helpers/emulator";

/** `pulumi-venice conformance` from a user's project that installed the packed package. */
jest.setTimeout(E2E_TIMEOUT);

test("npx pulumi-venice conformance runs from a user's project and leaves no key", async () => {
  const emu = await startTestEmulator();
  try {
    const dir = consumerDir();
    const run = await new Promise<{ code: number; stdout: string }>((done) =>
      execFile(
        join(dir, "node_modules/.bin/pulumi-venice"),
        ["conformance", "--yes", "--json"],
        {
          cwd: dir,
          env: {
            ...process.env,
            PATH: [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter), // Node 22, as a user has it
            VENICE_ADMIN_API_KEY: emu.adminKey,
            VENICE_API_KEY: "",
            VENICE_BASE_URL: emu.url,
          },
        },
        (err, stdout) => done({ code: err ? Number(err.code) : 0, stdout }),
      ),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ baseUrl: emu.url, keysCreated: 3, keysLeft: 0 });
    expect(await emu.control.activeKeys()).toEqual([]);
  } finally {
    await emu.close();
  }
});
