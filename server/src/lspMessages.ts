/**
 * The custom Assetline messages as vscode-languageserver types. The shapes and method names live in the protocol
 * module; this is the one place that wraps them for the LSP library.
 */
import { NotificationType, RequestType } from "vscode-languageserver/node";
import {
  AssetAtRequest,
  GraphChangedNotification,
  GraphRequest,
  RunFinishedNotification,
  TrustChangedNotification,
  type AssetAtParams,
  type GraphWithStatuses,
} from "assetline/protocol";

export const graphRequest = new RequestType<Record<string, never>, GraphWithStatuses, void>(GraphRequest.method);
export const assetAtRequest = new RequestType<AssetAtParams, { key: string } | null, void>(AssetAtRequest.method);
export const graphChanged = new NotificationType<Record<string, never>>(GraphChangedNotification.method);
export const trustChanged = new NotificationType<{ trusted: boolean }>(TrustChangedNotification.method);
export const runFinished = new NotificationType<{ runId: string }>(RunFinishedNotification.method);
