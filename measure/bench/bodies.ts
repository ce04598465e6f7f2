// `npm run bench:bodies -- --url http://localhost:3000/api/tokens`: what
// concurrent chunked uploads (no Content-Length) cost a running `next start`
// in resident memory. The server is found by the port it listens on, so run
// it on this machine; each upload ends when the server answers or hangs up.
import { localAppUrl, readCommandLine } from "../../scripts/support/command-line";
import { flood, pidListeningOn } from "../../e2e/body-flood";

const USAGE = `Usage: npm run bench:bodies -- [options]
  --url <url>         a route of a running \`next start\` on this machine (default ${localAppUrl("/api/tokens")})
  --count <n>         concurrent chunked uploads (default 20)
  --mb <n>            megabytes each upload sends (default 10)`;

const { values: flags } = readCommandLine(USAGE, {
  options: {
    url: { type: "string", default: localAppUrl("/api/tokens") },
    count: { type: "string", default: "20" },
    mb: { type: "string", default: "10" },
  },
});

async function main(): Promise<void> {
  const url = new URL(flags.url);
  const count = Number(flags.count);
  const bytes = Number(flags.mb) * 1024 * 1024;
  const pid = pidListeningOn(Number(url.port || 80));
  const started = Date.now();
  const result = await flood(url.toString(), pid, count, bytes);
  const statuses = result.uploads.map((u) => u.status ?? "closed").join(",");
  console.log(
    `${count} × ${flags.mb} MB chunked to ${url.pathname}: RSS ${result.baselineMb.toFixed(0)} → ` +
      `peak ${result.peakMb.toFixed(0)} MB (+${result.growthMb.toFixed(0)} MB) in ${Date.now() - started} ms; ` +
      `answers ${statuses}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
