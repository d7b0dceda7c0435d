import { warmUpCalls } from "../../provider/fronts/terraform/warmUp";
import { decodeValue, encodeValue, settleCodecForSnapshot } from "../../provider/fronts/terraform/values";
import { RESOURCE_TYPE } from "../../provider/fronts/terraform/schema";

/**
 * The standalone's start-up snapshot is built after these ran (snapshot.ts): a failure would fail the
 * release, and a handle left open or a request made would not belong in a snapshot at all.
 */
test("the snapshot's warm-up runs tofu's in-process calls on made-up requests without a failure", async () => {
  await expect(warmUpCalls()).resolves.toBeUndefined();
});

test("a warm-up call answered with an error fails the warm-up (so the snapshot build), naming the call", async () => {
  const saved = process.env.VENICE_BASE_URL;
  process.env.VENICE_BASE_URL = "not-a-url"; // check refuses every declaration then
  try {
    await expect(warmUpCalls()).rejects.toThrow(/warm-up ValidateResourceConfig: .*base URL/);
  } finally {
    if (saved === undefined) delete process.env.VENICE_BASE_URL;
    else process.env.VENICE_BASE_URL = saved;
  }
});

test("the warm-up leaves no handle behind (no timer, socket or server)", async () => {
  const before = process.getActiveResourcesInfo().sort();
  await warmUpCalls();
  expect(process.getActiveResourcesInfo().sort()).toEqual(before);
});

test("the codec still encodes and decodes once it is settled for the snapshot", () => {
  settleCodecForSnapshot();
  const state = { id: "k1", description: "web", api_key_type: "INFERENCE" };
  const decoded = decodeValue(RESOURCE_TYPE, { msgpack: encodeValue(RESOURCE_TYPE, state) });
  expect(decoded).toMatchObject(state);
});
