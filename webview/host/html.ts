/**
 * The lineage webview's HTML: a pure function used by the extension's panel and by the Chromium test host.
 * Nothing from the graph goes into this HTML; data arrives only by postMessage after the app says it is ready.
 */

export interface WebviewHtmlOptions {
  scriptUri: string;
  styleUri: string;
  /** The layout worker's script; the app fetches it and starts it from a Blob URL (webviews cannot start a Worker from a resource URI). */
  workerUri: string;
  /** The webview's resource origin (`webview.cspSource` in VS Code). */
  cspSource: string;
  /** Fresh per render, from a cryptographic source. */
  nonce: string;
}

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function renderWebviewHtml(options: WebviewHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(options.nonce)) {
    throw new Error(
      `renderWebviewHtml: the nonce must be at least 16 base64 characters from a cryptographic source, got "${options.nonce}".`,
    );
  }
  const source = escapeAttribute(options.cspSource);
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${options.nonce}'`,
    `style-src ${source}`,
    `font-src ${source}`,
    `img-src ${source} data:`,
    "worker-src blob:",
    `connect-src ${source}`,
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="assetline-worker-uri" content="${escapeAttribute(options.workerUri)}">
<link rel="stylesheet" href="${escapeAttribute(options.styleUri)}">
<title>Asset lineage</title>
</head>
<body>
<div id="app"></div>
<script nonce="${options.nonce}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
