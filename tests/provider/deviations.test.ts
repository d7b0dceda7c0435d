import { VeniceError } from "../../provider/core";
import { DEVIATIONS, deviatingSuite } from "../helpers/deviatingVenice";
import { allText, checked, providerFor } from "../helpers/provider";

/**
 * When Venice answers successfully but in a shape we do not expect, nothing is lost: each create either
 * succeeds or fails with an error that says what the answer lacked and what became of the key, and the
 * account never holds a key that no state would name. One deviation at a time, through a proxy.
 */
const suite = deviatingSuite();

const SECRET = /VENICE_(INFERENCE|ADMIN)_KEY_/;

test.each(Object.keys(DEVIATIONS))(
  "%s: three creates leave no orphan, and every failure is clear",
  async (name) => {
    const provider = providerFor(suite.emu, {
      VENICE_BASE_URL: suite.venice.url,
      VENICE_RETRY_BUDGET_MS: "10000",
    });
    suite.venice.deviate(name);
    const results = await Promise.allSettled(
      ["one", "two", "three"].map(async (n) =>
        provider.create(await checked(provider, { description: `${name} ${n}` })),
      ),
    );
    const held = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.id] : []));
    for (const r of results) {
      if (r.status === "rejected") {
        expect(r.reason).toBeInstanceOf(VeniceError);
        expect(allText(r.reason)).not.toMatch(SECRET);
        if (name.startsWith("create answer")) {
          expect((r.reason as Error).message).toMatch(/cannot be read .*pulumi-venice conformance/s);
        }
      } else {
        expect(r.value.outs.key).toMatch(SECRET); // a key we hold has its value
      }
    }
    // Reads through the same Venice never mark a held key as gone.
    for (const id of held) {
      const read = await provider.read(id, {}).catch((err: unknown) => err);
      if (read instanceof Error) expect(allText(read)).not.toMatch(SECRET);
      else expect(read).toBeDefined();
    }
    suite.venice.deviate(undefined);
    const live = (await suite.emu.control.activeKeys()).map((k) => k.id);
    expect(live.sort()).toEqual([...held].sort()); // no orphan: every live key is one we hold
    for (const id of held) await provider.delete(id, {});
    expect(await suite.emu.control.activeKeys()).toEqual([]);
    await provider.close();
  },
);

test("a create answered without the secret is removed again, and the error names what was missing", async () => {
  const provider = providerFor(suite.emu, { VENICE_BASE_URL: suite.venice.url });
  suite.venice.deviate("create answer without the secret");
  const err = (await provider
    .create(await checked(provider, { description: "no secret" }))
    .catch((e: unknown) => e)) as Error;
  expect(err.message).toMatch(
    /answered the key's creation with 200 but the answer cannot be read \(data\.apiKey/,
  );
  expect(err.message).toMatch(/was deleted again, so nothing is left behind/);
  expect(await suite.emu.control.activeKeys()).toEqual([]);
  await provider.close();
});

test("an update answered as success without effect shows at the next read, as drift, not as success", async () => {
  const provider = providerFor(suite.emu, { VENICE_BASE_URL: suite.venice.url });
  const inputs = await checked(provider, { description: "before" });
  const made = await provider.create(inputs);
  suite.venice.deviate("update answered as success without effect");
  await provider.update(made.id, made.outs, { ...inputs, description: "after" });
  suite.venice.deviate(undefined);
  const read = (await provider.read(made.id, made.outs))!;
  expect(read.inputs.description).toBe("before"); // Venice's truth, so the next plan puts it right
  await provider.delete(made.id, {});
  await provider.close();
});
