/** The automation evaluator's facts from the store (docs/automation.md, "Automation conditions under the daemon"). */
export { readAutomationFacts, type FactsGraph, type FactsOptions, type FactsStore } from "./storeFacts";
export type { Targets } from "./runningTargets";
