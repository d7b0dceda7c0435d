import { EmulatorControl, startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

export const ADMIN_KEY = "VENICE_ADMIN_KEY_testsuite0000000000000000000000000000000000";

export interface TestEmulator extends RunningEmulator {
  control: EmulatorControl;
  /** fetch against the API with the admin key (or `auth` when given; null sends no header). */
  api(
    method: string,
    path: string,
    body?: unknown,
    auth?: string | null,
    headers?: Record<string, string>,
  ): Promise<ApiAnswer>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test-side view of arbitrary JSON
}

/** Starts an emulator on port 0 for one suite. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ adminKey: ADMIN_KEY, ...options });
  const control = new EmulatorControl(emulator.controlUrl, emulator.adminKey);
  const api: TestEmulator["api"] = async (method, path, body, auth = emulator.adminKey, headers = {}) => {
    const res = await fetch(`${emulator.url}${path}`, {
      method,
      headers: {
        ...(auth === null ? {} : { authorization: `Bearer ${auth}` }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // keep text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  return Object.assign(emulator, { control, api });
}

export const validKey = (over: Record<string, unknown> = {}) => ({
  apiKeyType: "INFERENCE",
  description: "test key",
  ...over,
});

export function futureDate(days = 30): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * One emulator for the suite, emptied before each test; `create` makes a key through the API.
 * Use inside a test file at top level: `const suite = emulatorSuite();` then `suite.emu`.
 */
export function emulatorSuite(options: EmulatorOptions = {}) {
  const suite = {
    emu: undefined as unknown as TestEmulator,
    async create(over: Record<string, unknown> = {}) {
      return (await suite.emu.api("POST", "/api_keys", validKey(over))).body.data as {
        id: string;
        apiKey: string;
      };
    },
  };
  beforeAll(async () => {
    suite.emu = await startTestEmulator(options);
  });
  afterAll(() => suite.emu.close());
  beforeEach(() => suite.emu.control.reset());
  return suite;
}
