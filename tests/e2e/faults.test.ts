import { rootProjectCopy } from "../../driver/pulumiCli";
import { cliStack, E2E_TIMEOUT, stackSecrets } from "../helpers/e2e";

/** Faults and bad input through the real engine: what CI sees when Venice misbehaves or a config is wrong. */
jest.setTimeout(E2E_TIMEOUT);

test("pulumi up survives a 503 burst and a lost create answer, leaving no orphan and no duplicate", async () => {
  const { emu, pulumi } = await cliStack(rootProjectCopy(), "faults", { VENICE_REQUEST_TIMEOUT_MS: "2000" });
  try {
    await pulumi.setConfig(
      "keys",
      JSON.stringify({
        a: { description: "fault a" },
        b: { description: "fault b" },
        c: { description: "fault c" },
      }),
    );
    await emu.control.injectFaults([
      {
        method: "POST",
        path: "/api_keys",
        count: 3,
        action: { type: "status", status: 503, retryAfterSeconds: 0 },
      },
      { method: "POST", path: "/api_keys", count: 1, action: { type: "commit-then-drop" } },
      { method: "GET", path: "/api_keys", count: 2, action: { type: "status", status: 503 } },
    ]);
    await pulumi.up();

    expect(await emu.control.pendingFaults()).toEqual([]);
    const active = await emu.control.activeKeys();
    expect(active.map((k) => k.description).sort()).toEqual(["fault a", "fault b", "fault c"]);
    const log = await emu.control.requests();
    expect(log.some((r) => r.status === "dropped")).toBe(true);
    // Every key the stack holds is live, and its secret matches the live key's tail.
    const values = (await pulumi.secretOutputs()).keyValues as Record<string, string>;
    expect(
      Object.values(values)
        .map((v) => v.slice(-6))
        .sort(),
    ).toEqual(active.map((k) => k.last6Chars).sort());

    expect((await pulumi.preview("--refresh", "--expect-no-changes")).code).toBe(0);
    const secrets = await stackSecrets(pulumi, emu);
    await pulumi.destroy();
    expect(await emu.control.activeKeys()).toEqual([]);
    for (const secret of secrets) expect(pulumi.allOutput()).not.toContain(secret);
  } finally {
    await emu.close();
  }
});

test("bad input fails pulumi preview, naming each field and its fix, with zero API calls", async () => {
  const { emu, pulumi } = await cliStack(rootProjectCopy(), "badinput");
  try {
    await pulumi.setConfig(
      "keys",
      JSON.stringify({
        bad: {
          description: "x".repeat(70),
          expiresAt: "2027-06-30T10:00:00+02:00",
          consumptionLimit: { usd: -5, vcu: 1 },
          modelPrivacy: "SECRET",
        },
      }),
    );
    const preview = await pulumi.preview();
    expect(preview.code).not.toBe(0);
    expect(preview.output).toMatch(/description is 70 characters; Venice allows at most 64/);
    expect(preview.output).toMatch(/expiresAt .* has a UTC offset; Venice accepts only UTC/);
    expect(preview.output).toMatch(/consumptionLimit\.vcu is Venice's deprecated name for DIEM/);
    expect(preview.output).toMatch(/consumptionLimit\.usd must be between 0 and 9999999999/);
    expect(preview.output).toMatch(/modelPrivacy must be one of "ALL", "PRIVATE_TEXT", "PRIVATE_ONLY"/);
    expect(await emu.control.requests()).toEqual([]);
  } finally {
    await emu.close();
  }
});

test("an INFERENCE admin key fails with the fix, and the key is never printed", async () => {
  const inference = "VENICE_INFERENCE_KEY_notanadminkeynotanadminkeynotanadminke";
  const { emu, pulumi } = await cliStack(rootProjectCopy(), "inference", { VENICE_ADMIN_API_KEY: inference });
  try {
    await pulumi.setConfig("keys", JSON.stringify({ k: { description: "k" } }));
    const up = await pulumi.run(["up", "--yes", "--skip-preview", "--color", "never"]);
    expect(up.code).not.toBe(0);
    expect(up.output).toMatch(/this key is an INFERENCE key; managing keys needs an ADMIN key/i);
    expect(pulumi.allOutput()).not.toContain(inference);
    expect(await emu.control.requests()).toEqual([]);
  } finally {
    await emu.close();
  }
});
