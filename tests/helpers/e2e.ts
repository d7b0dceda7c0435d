import { PulumiStack } from "../../driver/pulumiCli";
import type { EmulatorOptions } from "../../emulator";
import { startTestEmulator, type TestEmulator } from "./emulator";

export { PulumiStack };

/** The real CLI against a fresh emulator, for one project and stack. */
export async function cliStack(
  projectDir: string,
  stack: string,
  env: Record<string, string> = {},
  emulator: EmulatorOptions = {},
) {
  const emu = await startTestEmulator(emulator);
  try {
    const pulumi = await PulumiStack.create({
      projectDir,
      stack,
      env: { VENICE_ADMIN_API_KEY: emu.adminKey, VENICE_BASE_URL: emu.url, VENICE_API_KEY: "", ...env },
    });
    return { emu, pulumi };
  } catch (err) {
    await emu.close(); // a leaked server would keep jest from exiting
    throw err;
  }
}

/** Secret values the stack holds, read once (kept out of the transcript). */
export async function stackSecrets(pulumi: PulumiStack, emu: TestEmulator): Promise<string[]> {
  const outputs = await pulumi.secretOutputs();
  const values = Object.values(outputs).flatMap((v) =>
    typeof v === "string" ? [v] : typeof v === "object" && v ? Object.values(v) : [],
  );
  return [
    emu.adminKey,
    ...values.filter((v): v is string => typeof v === "string" && v.startsWith("VENICE_")),
  ];
}

export const E2E_TIMEOUT = 240_000;
