// Prints the mutation score per module from StrykerJS's JSON report
// (reports/mutation/mutation.json, written by `npm run test:mutation`), then
// every mutant that survived or was never covered, so each can be killed with
// a test or explained (docs/TESTING.md).
// A run made in parts (`--mutate` per part, each report renamed): pass every
// report; a file found in several counts from the last one named, so a part
// run again after a fix replaces its earlier figures. A run stopped early
// left reports/mutation/mutants.jsonl, which counts only what it tested.
import { readFileSync } from "node:fs";

type Mutant = {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
};
type Report = { files: Record<string, { mutants: Mutant[] }> };

// Every path ./stryker.config.mjs mutates falls under one of these.
const MODULES = [
  "lib/auth/",
  "lib/sign-in/",
  "lib/sessions/",
  "lib/live/",
  "lib/db/",
  "lib/push/",
  "lib/client/",
  "lib/security/",
  "lib/permissions/",
  "lib/actions/",
  "lib/tenancy/",
  "lib/admin/",
  "proxy.ts",
];
const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

type Planned = Record<string, number>;

/** A JSON report, or the log of a run (./mutant-log.mjs: the plan, then one mutant per line). */
function readReport(path: string): Report & { planned?: Planned } {
  const text = readFileSync(path, "utf8");
  if (!path.endsWith(".jsonl")) return JSON.parse(text) as Report;
  const files: Report["files"] = {};
  let planned: Planned = {};
  for (const line of text.split("\n").filter(Boolean)) {
    const entry = JSON.parse(line) as (Mutant & { file: string }) | { planned: Planned };
    if ("planned" in entry) planned = entry.planned;
    else {
      const { file, ...mutant } = entry;
      (files[file] ??= { mutants: [] }).mutants.push(mutant);
    }
  }
  return { files, planned };
}

const paths = process.argv.slice(2);
const report: Report = { files: {} };
/** Files a stopped run did not finish, with mutants tested of those planned. */
const unfinished = new Map<string, string>();
for (const path of paths.length > 0 ? paths : ["reports/mutation/mutation.json"]) {
  const { files, planned = {} } = readReport(path);
  // A later report's files replace earlier figures, an unfinished file's too.
  for (const file of Object.keys(files)) unfinished.delete(file);
  Object.assign(report.files, files);
  for (const [file, count] of Object.entries(planned)) {
    const tested = files[file]?.mutants.length ?? 0;
    if (tested < count) unfinished.set(file, `${file} (${tested} of ${count})`);
  }
}
// A file a stopped run did not finish would count only its fastest mutants: it is left out of the score.
for (const file of unfinished.keys()) delete report.files[file];

const rows = MODULES.map((module) => {
  const mutants = Object.entries(report.files)
    .filter(([file]) => file.startsWith(module))
    .flatMap(([, f]) => f.mutants);
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const undetected = mutants.filter((m) => UNDETECTED.has(m.status)).length;
  const score = detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected);
  return { module, mutants: mutants.length, killed: detected, survived: undetected, score };
});

const total = rows.reduce((t, r) => ({ killed: t.killed + r.killed, survived: t.survived + r.survived }), {
  killed: 0,
  survived: 0,
});
console.log("\nMutation score per module (killed or timed out / all but ignored and compile errors)\n");
console.log("| module | mutants | killed | survived | score |\n| --- | ---: | ---: | ---: | ---: |");
// A module this run did not mutate (a run of one folder) is left out, not shown as 100 %.
for (const r of rows.filter((row) => row.mutants > 0))
  console.log(`| ${r.module} | ${r.mutants} | ${r.killed} | ${r.survived} | ${r.score.toFixed(1)} % |`);
const overall = (100 * total.killed) / Math.max(1, total.killed + total.survived);
console.log(`| all | | ${total.killed} | ${total.survived} | ${overall.toFixed(1)} % |`);

if (unfinished.size)
  console.log(
    `\nLeft out, not finished when the run stopped (mutants tested of planned): ${[...unfinished.values()].join(", ")}`,
  );

const unmatched = Object.keys(report.files).filter((file) => !MODULES.some((m) => file.startsWith(m)));
if (unmatched.length) console.log(`\nNot in any module above (add them to MODULES): ${unmatched.join(", ")}`);

console.log("\nFiles with undetected mutants, most first:\n");
const byFile = Object.entries(report.files)
  .map(([file, f]) => ({ file, undetected: f.mutants.filter((m) => UNDETECTED.has(m.status)).length }))
  .filter((f) => f.undetected > 0)
  .sort((a, b) => b.undetected - a.undetected);
for (const f of byFile) console.log(`- ${f.file}: ${f.undetected}`);

console.log("\nSurviving mutants:\n");
for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b)))
  for (const m of mutants
    .filter((x) => UNDETECTED.has(x.status))
    .sort((a, b) => a.location.start.line - b.location.start.line)) {
    const replacement = (m.replacement ?? "").replace(/\s+/g, " ").slice(0, 80);
    console.log(`- ${file}:${m.location.start.line} ${m.mutatorName} (${m.status}): ${replacement}`);
  }
