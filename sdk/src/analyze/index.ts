/** The static analyzer: workspace files in, asset graph and diagnostics out, without running user code. */
export * from "./api";
export { createAnalyzer } from "./analyzer";
export { codeVersion } from "./codeVersion";
export { isResolutionConfig, isSourceFile, RESOLUTION_CONFIG_GLOB } from "./workspaceFiles";
export { keyProblem } from "../define/keys";
