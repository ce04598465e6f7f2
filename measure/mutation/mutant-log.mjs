// A StrykerJS reporter that appends every mutant to reports/mutation/mutants.jsonl
// the moment it is tested. The JSON report is written only at the end, and a
// full run takes hours on two cores: a run stopped early still leaves what it
// found, which measure/mutation/summary.ts reads like a report.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { declareClassPlugin, PluginKind } from "@stryker-mutator/api/plugin";

const LOG = "reports/mutation/mutants.jsonl";

class MutantLog {
  constructor() {
    mkdirSync(path.dirname(LOG), { recursive: true });
    writeFileSync(LOG, "");
  }

  /** The first line: how many mutants each file has, so a stopped run shows what it did not reach. */
  onMutationTestingPlanReady({ mutantPlans }) {
    const planned = {};
    for (const { mutant } of mutantPlans) {
      const file = path.relative(process.cwd(), mutant.fileName);
      planned[file] = (planned[file] ?? 0) + 1;
    }
    appendFileSync(LOG, `${JSON.stringify({ planned })}\n`);
  }

  onMutantTested(mutant) {
    const { status, mutatorName, replacement, location } = mutant;
    const file = path.relative(process.cwd(), mutant.fileName);
    appendFileSync(LOG, `${JSON.stringify({ file, status, mutatorName, replacement, location })}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, "mutant-log", MutantLog)];
