// Everything the benchmark starts (servers, its database) registers how to
// undo it here. The tasks run once, newest first, on success, on error and on
// Ctrl-C, so no run leaves a server listening or a database behind.

type Task = { label: string; run: () => Promise<void> };

const tasks: Task[] = [];
let running: Promise<void> | null = null;

/** Registers `run`; the returned function runs it now instead (a server stopped after its turn). */
export function onCleanup(label: string, run: () => Promise<void>): () => Promise<void> {
  const task = { label, run };
  // Even while runCleanup is under way: its loop takes tasks until none are left.
  tasks.push(task);
  return async () => {
    const index = tasks.indexOf(task);
    if (index < 0) return; // already run by runCleanup
    tasks.splice(index, 1);
    await run();
  };
}

export function runCleanup(): Promise<void> {
  running ??= (async () => {
    while (tasks.length > 0) {
      const task = tasks.pop()!;
      try {
        await task.run();
      } catch (error) {
        console.error(`cleanup: ${task.label} failed:`, error instanceof Error ? error.message : error);
      }
    }
  })();
  return running;
}

/** Between steps: after Ctrl-C, start nothing new while the cleanup runs. */
export function assertNotStopping(): void {
  if (running) throw new Error("interrupted");
}

/** Ctrl-C (or a kill) cleans up before leaving, with the conventional 128 + signal exit code. */
export function cleanUpOnSignals(): void {
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  for (const signal of Object.keys(codes) as (keyof typeof codes)[]) {
    // `on`, not `once`: Ctrl-C reaches us twice (directly and relayed by tsx), and a
    // second signal without a handler would kill the process mid-cleanup.
    process.on(signal, () => {
      if (running) return;
      console.error(`\n${signal}: stopping servers and dropping the benchmark database…`);
      void runCleanup().finally(() => process.exit(codes[signal]));
    });
  }
}
