/** One code lens: a title, and the client command it runs (an empty command makes it plain text in every client). */
import type { CodeLens } from "vscode-languageserver/node";
import type { Range } from "assetline/protocol";
import { toLspRange } from "./convert";

export function lens(range: Range, title: string, command: string, args: unknown[]): CodeLens {
  return { range: toLspRange(range), command: { title, command, arguments: args } };
}
