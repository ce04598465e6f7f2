// Every script's command line, read the same way (node:util parseArgs, strict):
// --help or -h prints the script's usage and exits 0 before anything runs; an
// unknown or malformed option prints one line and exits 2, the usual status
// for a usage error. Call it before the script does any work.
import { parseArgs, type ParseArgsConfig } from "node:util";

type Config = Omit<ParseArgsConfig, "args" | "strict">;

export function readCommandLine<T extends Config>(
  usage: string,
  config: T,
  args: string[] = process.argv.slice(2),
): ReturnType<typeof parseArgs<T & { args: string[]; strict: true }>> {
  // Before the options are checked: `--help` always answers, whatever else is on the line.
  const end = args.indexOf("--");
  if ((end < 0 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h")) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs({ ...config, args, strict: true });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)} (--help shows the usage)`);
    process.exit(2);
  }
}

/** The app's own address on this machine: `PORT`, like `npm start` and `npm run dev`, else 3000. */
export function localAppUrl(path = ""): string {
  return `http://localhost:${process.env.PORT || 3000}${path}`;
}

/** Exits 2 with one line: for an option whose value does not make sense. */
export function usageError(message: string): never {
  console.error(`${message} (--help shows the usage)`);
  process.exit(2);
}
