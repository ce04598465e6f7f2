// `npm run screenshots`: runs the Playwright project that saves the images of
// docs/ADMIN.md (docs/images/*.png) against a fresh e2e server. The project exists
// only when SCREENSHOTS=1, so the test run never rewrites the images.
import { spawnSync } from "node:child_process";

const result = spawnSync("npx", ["--no-install", "playwright", "test", "--project=screenshots"], {
  stdio: "inherit",
  env: { ...process.env, SCREENSHOTS: "1" },
});
process.exit(result.status ?? 1);
