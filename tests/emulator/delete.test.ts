import { startTestEmulator, validKey, type TestEmulator } from "../helpers/emulator";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

async function create() {
  return (await emu.api("POST", "/api_keys", validKey())).body.data as { id: string };
}

test("delete takes the id as a query parameter", async () => {
  const key = await create();
  const res = await emu.api("DELETE", `/api_keys?id=${key.id}`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ success: true });
  expect(await emu.control.activeKeys()).toEqual([]);
});

test("delete takes the id in a JSON body", async () => {
  const key = await create();
  const res = await emu.api("DELETE", "/api_keys", { id: key.id });
  expect(res.status).toBe(200);
  expect(await emu.control.activeKeys()).toEqual([]);
});

test("delete takes the id in the path, as a third-party client sends it", async () => {
  const key = await create();
  const res = await emu.api("DELETE", `/api_keys/${key.id}`);
  expect(res.status).toBe(200);
  expect(await emu.control.activeKeys()).toEqual([]);
});

test("deleting an unknown or already deleted key is a 400 could not be found", async () => {
  const key = await create();
  await emu.api("DELETE", `/api_keys?id=${key.id}`);
  const res = await emu.api("DELETE", `/api_keys?id=${key.id}`);
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ error: "API key could not be found" });
});
