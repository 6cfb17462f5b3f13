/**
 * Dagster's asset selection syntax: parse, evaluate on a graph, format back, build from code, locate keys.
 * Pure and dependency-free, so the SDK, analyzer, runner and the browser-bundled webview share it.
 */
export { IS_VALUES, STATUS_VALUES, type AutomationTypeValue, type Depth, type SelectionExpr } from "./ast";
export { parseSelection, type ParseResult, type SelectionSyntaxError } from "./parse";
export {
  automationType,
  selectAssets,
  SelectionEvaluationError,
  SelectionNeedsFacts,
  type SelectionFacts,
} from "./evaluate";
export { tableFacts } from "./tableFacts";
export type { SelectionGraph, SelectionNode } from "./graphIndex";
export { formatSelection } from "./format";
export { AssetSelection, formatSelectionInput } from "./builder";
export { keyAtOffset, keyTerms, type KeyTerm } from "./keyTerms";
