import * as pulumi from "@pulumi/pulumi";
import { EmulatorControl, startEmulator } from "../emulator";

import { median, type Row } from "./report";

/**
 * The provider in process against the emulator (no CLI): request counts, per-call latency, paced
 * throughput and the serialized stub, each next to its budget.
 */
export async function inProcess(): Promise<Row[]> {
  const rows: Row[] = [];
  const record = (measure: string, value: number, unit: string, budget: number) =>
    rows.push({ measure, value, unit, budget });
  const adminKey = "VENICE_ADMIN_KEY_benchbenchbenchbenchbenchbenchbenchbenchbe";
  const emulator = await startEmulator({
    adminKey,
    limits: { creationsPerWindow: 20, creationWindowMs: 1000 },
  });
  const control = new EmulatorControl(emulator.controlUrl, adminKey);
  Object.assign(process.env, {
    VENICE_ADMIN_API_KEY: adminKey,
    VENICE_BASE_URL: emulator.url,
    VENICE_CREATION_LIMIT: "20",
    VENICE_CREATION_WINDOW_MS: "1000",
  });
  // The package as the engine loads it: by name, from the built output.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const provider = (require("pulumi-venice/provider") as typeof import("../provider")).apiKeyProvider;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { veniceProvider } = require("pulumi-venice") as typeof import("../sdk");

  try {
    const text = (await pulumi.runtime.serializeFunction(() => veniceProvider, { allowSecrets: true })).text;
    record("inlined provider stub (a linked checkout's __provider)", Buffer.byteLength(text), "bytes", 2560);

    const args = { description: "bench", consumptionLimit: { usd: 5 }, limitPeriod: "MONTH" };
    const inputs = (await provider.check({}, args)).inputs as import("../provider").ApiKeyInputs;
    const calls = async (work: () => Promise<unknown>) => {
      await control.clearRequests();
      await work();
      return (await control.requests()).length;
    };
    const created = await provider.create(inputs);
    await provider.delete(created.id, created.outs);
    let id = "";
    let outs: Record<string, unknown> = {};
    record(
      "API calls per create (the POST)",
      await calls(async () => {
        const c = await provider.create(inputs);
        id = c.id;
        outs = c.outs as Record<string, unknown>;
      }),
      "calls",
      1,
    );
    record("API calls per read (refresh)", await calls(() => provider.read(id, outs)), "calls", 1);
    record(
      "API calls per update",
      await calls(() => provider.update(id, outs as never, { ...inputs, description: "bench 2" })),
      "calls",
      1,
    );
    record(
      "API calls per check and diff",
      await calls(async () => {
        await provider.check({}, args);
        await provider.diff(id, outs, inputs);
      }),
      "calls",
      0,
    );
    record("API calls per delete", await calls(() => provider.delete(id, outs)), "calls", 1);

    const timings: Record<string, number[]> = { create: [], read: [], update: [], delete: [] };
    for (let i = 0; i < 15; i++) {
      let t = performance.now();
      const c = await provider.create({ ...inputs, description: `bench ${i}` });
      timings.create!.push(performance.now() - t);
      t = performance.now();
      await provider.read(c.id, c.outs);
      timings.read!.push(performance.now() - t);
      t = performance.now();
      await provider.update(c.id, c.outs as never, { ...inputs, description: `bench ${i}b` });
      timings.update!.push(performance.now() - t);
      t = performance.now();
      await provider.delete(c.id, c.outs);
      timings.delete!.push(performance.now() - t);
    }
    for (const [op, values] of Object.entries(timings)) {
      record(
        `median ${op} latency against the loopback emulator`,
        Math.round(median(values) * 10) / 10,
        "ms",
        50,
      );
    }

    await control.reset();
    const started = performance.now();
    const many = await Promise.all(
      Array.from({ length: 60 }, (_, i) => provider.create({ ...inputs, description: `paced ${i}` })),
    );
    const seconds = (performance.now() - started) / 1000;
    const refused = (await control.requests()).filter((r) => r.status === 429).length;
    record(
      "60 parallel creates under a 20-per-second cap: wall time",
      Math.round(seconds * 100) / 100,
      "s",
      4,
    );
    record("  of which answered 429 by Venice", refused, "answers", 0);
    await Promise.all(many.map((c) => provider.delete(c.id, c.outs)));
  } finally {
    await emulator.close();
  }

  return rows;
}
