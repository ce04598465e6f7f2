// `npm run screenshots`: runs the Playwright project that saves the images of
// docs/ADMIN.md and docs/STRATEGIES.md (docs/images/*.png) against a fresh e2e
// server. The project exists only when SCREENSHOTS=1, so the test run never
// rewrites the images. Arguments go on to Playwright, so one set can be made
// alone: `npm run screenshots -- --grep strategies`.
import { spawnSync } from "node:child_process";

const result = spawnSync(
  "npx",
  ["--no-install", "playwright", "test", "--project=screenshots", ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, SCREENSHOTS: "1" } },
);
process.exit(result.status ?? 1);
