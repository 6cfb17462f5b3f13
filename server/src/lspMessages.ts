/**
 * The custom Assetline messages as vscode-languageserver types. The shapes and method names live in the protocol
 * module; this is the one place that wraps them for the LSP library, typed from the descriptors themselves.
 */
import { NotificationType, RequestType } from "vscode-languageserver/node";
import {
  AssetAtRequest,
  GraphChangedNotification,
  GraphRequest,
  RunFinishedNotification,
  TrustChangedNotification,
  type NotificationDescriptor,
  type RequestDescriptor,
} from "assetline/protocol";

function requestType<P, R>(descriptor: RequestDescriptor<P, R>): RequestType<P, R, void> {
  return new RequestType<P, R, void>(descriptor.method);
}

function notificationType<P>(descriptor: NotificationDescriptor<P>): NotificationType<P> {
  return new NotificationType<P>(descriptor.method);
}

export const graphRequest = requestType(GraphRequest);
export const assetAtRequest = requestType(AssetAtRequest);
export const graphChanged = notificationType(GraphChangedNotification);
export const trustChanged = notificationType(TrustChangedNotification);
export const runFinished = notificationType(RunFinishedNotification);
