export * from "./messages";
export * from "./graph";
export * from "./partitions";
export * from "./state";
export * from "./runEvents";
export * from "./cliOutput";
export * from "./lsp";
export * from "./webview";
