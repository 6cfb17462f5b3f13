/**
 * Serves the built webview (dist/webview) and a page made by renderWebviewHtml, with the VS Code stub script
 * (by the same nonce) placed before the app, as VS Code's webview host would provide acquireVsCodeApi.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize } from "node:path";
import type { WebviewEnvelope } from "../../../sdk/src/protocol";
import { renderWebviewHtml } from "../../../webview/host/html";

const ROOT = join(__dirname, "../../..");
const TYPES: Record<string, string> = { ".js": "text/javascript", ".css": "text/css", ".html": "text/html" };
const NONCE = "dGVzdC1ub25jZS0xMjM0NTY3ODkw";

export interface Host {
  url(theme: "light" | "dark"): string;
  /** Serves a message as JSON; returns its URL, for `window.__sendFrom`. */
  serveMessage(name: string, message: WebviewEnvelope): string;
  close(): Promise<void>;
}

export async function startHost(): Promise<Host> {
  let origin = "";
  const messages = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", origin).pathname;
    if (path === "/index.html") {
      const html = renderWebviewHtml({
        scriptUri: `${origin}/webview/main.js`,
        styleUri: `${origin}/webview/style.css`,
        workerUri: `${origin}/webview/layoutWorker.js`,
        cspSource: origin,
        nonce: NONCE,
      });
      const stub = `<script nonce="${NONCE}" src="${origin}/host/vscodeStub.js"></script>\n<script nonce=`;
      response.writeHead(200, { "content-type": TYPES[".html"] }).end(html.replace("<script nonce=", stub));
      return;
    }
    const message = messages.get(path);
    if (message !== undefined) return void response.writeHead(200, { "content-type": "application/json" }).end(message);
    // The browser asks for a favicon by itself; a webview has none.
    if (path === "/favicon.ico") return void response.writeHead(204).end();
    const file = path.startsWith("/webview/")
      ? join(ROOT, "dist", normalize(path))
      : path === "/host/vscodeStub.js"
        ? join(__dirname, "vscodeStub.js")
        : null;
    try {
      if (!file) throw new Error("not served");
      response
        .writeHead(200, { "content-type": TYPES[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream" })
        .end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (theme) => `${origin}/index.html?theme=${theme}`,
    serveMessage: (name, envelope) => {
      messages.set(`/messages/${name}.json`, JSON.stringify(envelope));
      return `${origin}/messages/${name}.json`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
