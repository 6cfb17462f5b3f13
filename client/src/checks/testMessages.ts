/** Check messages as the Testing view shows them: at the check's definition, or where it threw. */
import * as vscode from "vscode";
import type { CheckMessage } from "./checkMessage";

/** What a run in Restricted Mode reports on each check it was asked to run. */
export const RESTRICTED_MODE = "Restricted Mode: checks run your workspace's code; trust the workspace to run them";

/** A message placed at the check item's definition. */
export function messageAtCheck(text: string, item: vscode.TestItem): vscode.TestMessage {
  const message = new vscode.TestMessage(text);
  if (item.uri && item.range) message.location = new vscode.Location(item.uri, item.range);
  return message;
}

export function testMessage({ text, thrownAt }: CheckMessage, item: vscode.TestItem): vscode.TestMessage {
  const message = messageAtCheck(text, item);
  if (thrownAt) {
    const { line, character } = thrownAt.position;
    message.location = new vscode.Location(vscode.Uri.file(thrownAt.file), new vscode.Position(line, character));
  }
  return message;
}
