/** The automation evaluator's facts from the store (docs/automation.md, "Automation conditions under the daemon"). */
export { automationFacts, type CodeVersions, type FactsOptions, type FactsStore } from "./storeFacts";
export type { Targets } from "./runningTargets";
