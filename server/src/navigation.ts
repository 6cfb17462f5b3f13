/** Go to definition from a handle or key string; references: every use of the asset in the workspace. */
import type { DefinitionParams, Location, ReferenceParams } from "vscode-languageserver/node";
import { toLocation } from "./convert";
import type { WorkspaceState } from "./workspaceState";

export function definition(workspace: WorkspaceState, params: DefinitionParams): Location | null {
  const located = workspace.locate(params.textDocument.uri);
  const at = located?.folder.analyzer.assetAt(located.file, params.position);
  const target = at && located?.folder.analyzer.definitionOf(at.key);
  return target ? toLocation(target) : null;
}

export function references(workspace: WorkspaceState, params: ReferenceParams): Location[] {
  const located = workspace.locate(params.textDocument.uri);
  const at = located?.folder.analyzer.assetAt(located.file, params.position);
  if (!located || !at) return [];
  const { analyzer } = located.folder;
  const declaration = params.context.includeDeclaration ? analyzer.definitionOf(at.key) : null;
  return [...(declaration ? [declaration] : []), ...analyzer.references(at.key)].map(toLocation);
}
