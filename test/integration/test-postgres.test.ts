// The tests' own PostgreSQL (scripts/support/test-postgres.ts and
// scripts/with-test-postgres.ts): a server that answers is used as it is; when
// none does, an embedded one is started, and it is gone afterwards, with its
// directory, whether the run ends normally, by a signal, or by SIGKILL.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import os from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_TEST_POSTGRES_URL,
  embeddedDirPrefix,
  startTestPostgres,
  unreachableReason,
} from "../../scripts/support/test-postgres";

const NOBODY = "postgresql://postgres@127.0.0.1:1/postgres";
const REACHABLE = process.env.TEST_POSTGRES_URL || DEFAULT_TEST_POSTGRES_URL;
const TIMEOUT = 120_000;
/** Quiet: CI counts the "Embedded PostgreSQL ready" lines of the run's own server. */
const quiet = () => {};

const dirsOf = (pid: number) => readdirSync(os.tmpdir()).filter((d) => d.startsWith(embeddedDirPrefix(pid)));

async function until(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("the tests' PostgreSQL", () => {
  it(
    "uses a server that answers as it is, and stopping it does nothing",
    async () => {
      const postgres = await startTestPostgres(REACHABLE, quiet);
      expect(postgres).toMatchObject({ url: REACHABLE, embedded: false });
      await postgres.stop();
      expect(await unreachableReason(REACHABLE)).toBeNull();
    },
    TIMEOUT,
  );

  it(
    "starts an embedded PostgreSQL when none answers, and removes it on stop",
    async () => {
      const postgres = await startTestPostgres(NOBODY, quiet);
      expect(postgres.embedded).toBe(true);
      expect(await unreachableReason(postgres.url)).toBeNull();
      expect(dirsOf(process.pid)).toHaveLength(1);
      await postgres.stop();
      expect(await unreachableReason(postgres.url)).not.toBeNull();
      expect(dirsOf(process.pid)).toEqual([]);
    },
    TIMEOUT,
  );
});

describe("scripts/with-test-postgres.ts", () => {
  let wrapper: ChildProcess | undefined;
  afterEach(() => {
    // Its command outlives a SIGKILLed wrapper; the group holds both.
    try {
      if (wrapper?.pid) process.kill(-wrapper.pid, "SIGKILL");
    } catch {
      // The group is gone already: nothing was left behind.
    }
    wrapper = undefined;
  });

  /** Runs `node -e script` under the wrapper, in a group of its own; resolves with the URL it was given. */
  function runWrapped(
    script: string,
    url: string,
  ): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/with-test-postgres.ts", process.execPath, "-e", script],
      { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TEST_POSTGRES_URL: url } },
    );
    wrapper = child;
    let output = "";
    child.stdout!.setEncoding("utf8");
    child.stderr!.resume();
    return new Promise((resolve, reject) => {
      child.stdout!.on("data", (chunk: string) => {
        output += chunk;
        const first = output.split("\n")[0];
        if (output.includes("\n") && first) resolve({ child, url: first, output: () => output });
      });
      child.once("exit", (code) =>
        reject(new Error(`the wrapper exited (${code}) before its command started`)),
      );
    });
  }

  const exitOf = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once("exit", (code) => resolve(code));
    });

  it(
    "passes the command its URL and returns its exit code",
    async () => {
      const { child, url } = await runWrapped(
        "console.log(process.env.TEST_POSTGRES_URL); process.exit(3)",
        REACHABLE,
      );
      expect(url).toBe(REACHABLE);
      expect(await exitOf(child)).toBe(3);
    },
    TIMEOUT,
  );

  it(
    "on SIGTERM, relays it to the command, stops the embedded server, removes its directory and exits 143",
    async () => {
      const { child, url, output } = await runWrapped(
        "process.on('SIGTERM', () => { console.log('command got SIGTERM'); process.exit(0); });" +
          "console.log(process.env.TEST_POSTGRES_URL); setInterval(() => {}, 1000);",
        NOBODY,
      );
      expect(url).not.toBe(NOBODY);
      expect(await unreachableReason(url)).toBeNull();
      child.kill("SIGTERM");
      expect(await exitOf(child)).toBe(143);
      expect(output()).toContain("command got SIGTERM");
      expect(await unreachableReason(url)).not.toBeNull();
      expect(dirsOf(child.pid!)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "killed outright (SIGKILL), its embedded server still stops and its directory goes",
    async () => {
      const { child, url } = await runWrapped(
        "console.log(process.env.TEST_POSTGRES_URL); setInterval(() => {}, 1000);",
        NOBODY,
      );
      expect(dirsOf(child.pid!)).toHaveLength(1);
      child.kill("SIGKILL");
      await until(async () => (await unreachableReason(url)) !== null, "the server to stop");
      await until(async () => dirsOf(child.pid!).length === 0, "its directory to go");
    },
    TIMEOUT,
  );
});
