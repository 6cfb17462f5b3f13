/** Assetline's own requests (see sdk/src/protocol/lsp.ts): the graph with states, and the asset at a position. */
import type { AssetAtParams, AssetAtRequest, GraphWithStatuses, ResultOf } from "assetline/protocol";
import type { WorkspaceState } from "./workspaceState";

export function graphWithStatuses(workspace: WorkspaceState): GraphWithStatuses {
  return workspace.graphWithStatuses();
}

export function assetAt(workspace: WorkspaceState, params: AssetAtParams): ResultOf<typeof AssetAtRequest> {
  const located = workspace.locate(params.uri);
  const at = located?.folder.analyzer.assetAt(located.file, params.position);
  return at ? { key: at.key } : null;
}
