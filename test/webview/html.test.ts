/** The webview's HTML: a strict CSP, the nonce on the script, and nothing but the given URIs interpolated. */
import { expect, it } from "vitest";
import { renderWebviewHtml } from "../../webview/host/html";

const options = {
  scriptUri: "https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js",
  styleUri: "https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/style.css",
  workerUri: "https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/layoutWorker.js",
  cspSource: "https://*.vscode-cdn.net",
  nonce: "c2VjcmV0LW5vbmNlLTEyMzQ1Njc4",
};

it("declares the contract's CSP and loads only the given script (by nonce), style and worker", () => {
  const html = renderWebviewHtml(options);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
  expect(csp).toBe(
    `default-src 'none'; script-src 'nonce-${options.nonce}'; style-src https://*.vscode-cdn.net; font-src https://*.vscode-cdn.net; img-src https://*.vscode-cdn.net data:; worker-src blob:; connect-src https://*.vscode-cdn.net`,
  );
  expect(html).toContain(`<script nonce="${options.nonce}" src="${options.scriptUri}"></script>`);
  expect(html).toContain(`<link rel="stylesheet" href="${options.styleUri}">`);
  expect(html).toContain(`<meta name="assetline-worker-uri" content="${options.workerUri}">`);
  expect(html.match(/<script/g)).toHaveLength(1);
});

it("escapes URIs so that none can break out of its attribute", () => {
  const html = renderWebviewHtml({ ...options, styleUri: 'x"><script>alert(1)</script>' });
  expect(html).not.toContain("<script>alert(1)");
  expect(html).toContain("x&quot;&gt;&lt;script&gt;");
});

it("refuses a missing or weak nonce, saying what it needs", () => {
  expect(() => renderWebviewHtml({ ...options, nonce: "" })).toThrow(/nonce must be at least 16 base64 characters/);
  expect(() => renderWebviewHtml({ ...options, nonce: "abc" })).toThrow(/cryptographic source/);
});
