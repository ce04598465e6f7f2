// A token client of the app's API (docs/CLIENTS.md).
import { localAppUrl, readCommandLine, usageError } from "../support/command-line";
import { TokenClient, TokenClientError } from "./token-client";

const USAGE = `Usage: npm run client -- --email <email> [--password <pw>] [--url <url>] [command]
  --url <url>         the app (default ${localAppUrl()}: http://localhost:$PORT, else port 3000)
  --email <email>     the account to sign in as
  --password <pw>     its password (or set CLIENT_PASSWORD)
Commands:
  reports             sign in, list the reports (default)
  permissions         sign in, print the permissions
  watch <n> <secs>    ask for the permissions n times, every <secs> s, printing what changed
  stream <secs>       follow the event stream for <secs> s (at most an hour), printing each change
Example: npm run client -- --url http://localhost:3001 --email editor@example.com --password demo1234 stream 60`;

const { values, positionals } = readCommandLine(USAGE, {
  options: {
    url: { type: "string", default: localAppUrl() },
    email: { type: "string" },
    password: { type: "string" },
  },
  allowPositionals: true,
});

type Permissions = { permissions: string[]; roles: string[] };

async function main(): Promise<void> {
  const password = values.password ?? process.env.CLIENT_PASSWORD;
  if (!values.email || !password) usageError("--email and --password (or CLIENT_PASSWORD) are required");
  const [command = "reports", count = "10", seconds = "2"] = positionals;
  if (!["reports", "permissions", "watch", "stream"].includes(command))
    usageError(`unknown command ${command}: reports, permissions, watch or stream`);
  const client = new TokenClient(values.url, (line) => console.log(`· ${line}`));
  await client.signIn(values.email, password);
  if (command === "reports") {
    const answer = await client.call("/api/reports");
    console.log(answer.status, JSON.stringify(answer.body, null, 2));
  } else if (command === "permissions") {
    console.log(JSON.stringify((await client.call("/api/me/permissions")).body, null, 2));
  } else if (command === "watch") {
    let previous: string[] | null = null;
    for (let i = 0; i < Math.min(Number(count) || 10, 1000); i++) {
      if (i > 0)
        await new Promise((resolve) => setTimeout(resolve, Math.max(0.2, Number(seconds) || 2) * 1000));
      const answer = await client.call("/api/me/permissions");
      if (answer.status !== 200) {
        console.log(`answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        break;
      }
      const now = (answer.body as Permissions).permissions;
      if (previous === null) console.log(`permissions: ${now.join(", ") || "(none)"}`);
      else if (now.join() !== previous.join()) console.log(describeChange(previous, now));
      previous = now;
    }
  } else if (command === "stream") {
    let previous = await permissionsOf(client);
    console.log(`permissions: ${previous.join(", ") || "(none)"}`);
    const seconds = Math.min(Math.max(1, Number(count) || 30), 3600);
    const why = await client.follow(
      async ({ event, data }) => {
        if (event === "permissions" && (data as { changed?: boolean }).changed) {
          const now = await permissionsOf(client);
          console.log(describeChange(previous, now));
          previous = now;
        } else if (event === "revoked") console.log(`revoked: ${(data as { reason?: string }).reason}`);
        else if (event === "expired") console.log("access token expired: refreshing, then listening again");
      },
      AbortSignal.timeout(seconds * 1000),
    );
    console.log(`stream ended (${why})`);
    if (why === "revoked") process.exitCode = 1;
  } else throw new Error(`unknown command ${command}: reports, permissions, watch or stream`);
}

async function permissionsOf(client: TokenClient): Promise<string[]> {
  const answer = await client.call("/api/me/permissions");
  if (answer.status !== 200) throw new TokenClientError(answer.status, JSON.stringify(answer.body));
  return (answer.body as Permissions).permissions;
}

function describeChange(before: string[], after: string[]): string {
  const added = after.filter((p) => !before.includes(p));
  const removed = before.filter((p) => !after.includes(p));
  return `changed: +[${added.join(", ")}] -[${removed.join(", ")}]`;
}

function refused(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code === "ECONNREFUSED";
}

main().catch((error: unknown) => {
  if (error instanceof TokenClientError) console.error(`refused: ${error.message}`);
  else if (refused(error))
    console.error(
      `failed: nothing answers at ${values.url}. Is the app running there? Give its address with --url.`,
    );
  else if (error instanceof Error)
    console.error(`failed: ${error.message}${error.cause ? ` (${String(error.cause)})` : ""}`);
  else console.error(error);
  process.exitCode = 1;
});
