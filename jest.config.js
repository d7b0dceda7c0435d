/**
 * One jest project per test layer, each with only the setup it needs, so a layer can run alone
 * (`npm run test:unit` needs no build and no Pulumi CLI). `npm test` runs them all.
 *
 * - unit      pure functions, the policy rules, program wiring under Pulumi's mocks
 * - emulator  the emulator over HTTP (its bin from the build)
 * - provider  the provider and the CLI's commands (audit, conformance) against the emulator
 * - engine    Pulumi's own hosts driven over gRPC; what the engine serializes (the packed package)
 * - e2e       the real Pulumi CLI on real projects; the packed package as users install it
 */
const base = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
};
/** Installs the packed package into a consumer project once per run, before parallel workers need it. */
const consumer = { globalSetup: "<rootDir>/tests/setup/consumer.ts" };

const layer = (displayName, testMatch, extra = {}) => ({
  ...base,
  displayName,
  testMatch: testMatch.map((p) => `<rootDir>/tests/${p}`),
  ...extra,
});

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  projects: [
    layer("unit", ["unit/**/*.test.ts", "cli/findings.test.ts", "mocks/**/*.test.ts"]),
    layer("emulator", ["emulator/**/*.test.ts"]),
    layer("provider", [
      "provider/**/*.test.ts",
      "cli/audit.test.ts",
      "cli/conformance.test.ts",
      "cli/conformanceDeviations.test.ts",
    ]),
    layer("engine", ["engine/**/*.test.ts", "serialization/**/*.test.ts"], consumer),
    layer("e2e", ["e2e/**/*.test.ts", "package/**/*.test.ts"], consumer),
  ],
};
