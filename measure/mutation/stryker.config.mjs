// Mutation testing (npm run test:mutation): StrykerJS changes the code of the
// authorization modules one small mutation at a time and runs the unit and
// integration tests that cover it; a mutant the tests do not notice
// "survives". Not part of npm test or .ci/run: a run takes a while.
// docs/TESTING.md has the latest score and how to read it.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "measure/mutation/vitest.config.mts", related: false },
  dryRunTimeoutMinutes: 20,
  plugins: ["@stryker-mutator/vitest-runner", "./measure/mutation/mutant-log.mjs"],
  mutate: [
    // Every module that enforces something: the session and its checks, the stamp cache and the
    // change listener that feeds it, signing in, bearer tokens, the push stream, the browser's
    // permission list, the actions, the admin rules, organizations and the request edge.
    "lib/auth/**/*.ts",
    "lib/sign-in/**/*.ts",
    "lib/sessions/**/*.ts",
    "lib/security/json-body.ts",
    "lib/live/**/*.ts",
    "lib/db/{change-listener,change-listener-options,change-channel,listener-currency,listener-echoes,listen-attempt,backoff}.ts",
    "lib/push/**/*.ts",
    "lib/client/**/*.ts",
    "lib/security/password.ts",
    "lib/permissions/**/*.ts",
    "lib/actions/**/*.ts",
    "lib/tenancy/**/*.ts",
    "lib/admin/**/*.ts",
    "lib/security/link-token.ts",
    "proxy.ts",
  ],
  coverageAnalysis: "perTest",
  // Mutants of module-level constants (messages, lock ids) would rerun every test for each one;
  // they are reported as ignored (docs/TESTING.md).
  ignoreStatic: true,
  // The machine is shared and the integration tests make databases: two at a time.
  concurrency: 2,
  timeoutMS: 60_000,
  // mutant-log (./mutant-log.mjs) keeps each result as it comes: a stopped run keeps what it found.
  reporters: ["clear-text", "progress", "json", "html", "mutant-log"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  ignorePatterns: ["/.data", "/.next", "/reports", "/playwright-report", "/test-results", "/e2e/.auth"],
  // A full run every time: with the Vitest runner, an incremental run (--incremental) kept
  // mutants as survived after the tests covering them had changed.
  incremental: false,
  incrementalFile: "reports/stryker-incremental.json",
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};

export default config;
