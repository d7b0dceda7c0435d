import { emulatorSuite } from "../helpers/emulator";

const suite = emulatorSuite();

test("delete takes the id as a query parameter", async () => {
  const key = await suite.create();
  const res = await suite.emu.api("DELETE", `/api_keys?id=${key.id}`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ success: true });
  expect(await suite.emu.control.activeKeys()).toEqual([]);
});

test("delete takes the id in a JSON body", async () => {
  const key = await suite.create();
  const res = await suite.emu.api("DELETE", "/api_keys", { id: key.id });
  expect(res.status).toBe(200);
  expect(await suite.emu.control.activeKeys()).toEqual([]);
});

test("delete takes the id in the path, as a third-party client sends it", async () => {
  const key = await suite.create();
  const res = await suite.emu.api("DELETE", `/api_keys/${key.id}`);
  expect(res.status).toBe(200);
  expect(await suite.emu.control.activeKeys()).toEqual([]);
});

test("deleting an unknown or already deleted key is a 400 could not be found", async () => {
  const key = await suite.create();
  await suite.emu.api("DELETE", `/api_keys?id=${key.id}`);
  const res = await suite.emu.api("DELETE", `/api_keys?id=${key.id}`);
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ error: "API key could not be found" });
});
