/** The automation evaluator: pure, one tick at a time (docs/automation.md). */
export { evaluateAutomation, type AutomationEvaluation } from "./evaluateAutomation";
export type { Condition } from "./condition";
export type {
  AssetMemory,
  AutomationFacts,
  AutomationGraph,
  AutomationResult,
  AutomationState,
  SinceMemory,
  StoredWords,
} from "./inputs";
