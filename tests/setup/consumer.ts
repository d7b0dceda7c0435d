import { consumerDir } from "../../driver/consumer";

/** Installs the packed package once per run, before parallel workers need it. */
export default function globalSetup(): void {
  const started = Date.now();
  const dir = consumerDir();
  process.stdout.write(
    `\nconsumer project with the packed pulumi-venice: ${dir} (${Date.now() - started} ms)\n`,
  );
}
