/** The protocol module's descriptors as vscode-languageclient message types, so requests are typed end to end. */
import { NotificationType, RequestType } from "vscode-languageclient/node";
import type { NotificationDescriptor, RequestDescriptor } from "assetline/protocol";

export function requestType<P, R>(descriptor: RequestDescriptor<P, R>): RequestType<P, R, void> {
  return new RequestType<P, R, void>(descriptor.method);
}

export function notificationType<P>(descriptor: NotificationDescriptor<P>): NotificationType<P> {
  return new NotificationType<P>(descriptor.method);
}
