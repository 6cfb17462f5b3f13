// Plays VS Code's part inside the test page: records what the webview posts, lets the test post messages in, and
// sets theme variables the way VS Code does (a body class and --vscode-* custom properties).
(() => {
  const posted = [];
  window.__posted = posted;
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => posted.push(message),
    // VS Code keeps a webview's state while its panel lives, across reloads of the page: so does sessionStorage.
    getState: () => JSON.parse(sessionStorage.getItem("vscode-state") ?? "null") ?? undefined,
    setState: (state) => sessionStorage.setItem("vscode-state", JSON.stringify(state)),
  });
  window.__send = (message) => window.postMessage(message, "*");
  // Large messages come from the test server, so the test's own argument passing does not load the page.
  window.__sendFrom = async (url) => window.postMessage(await (await fetch(url)).json(), "*");
  const themes = {
    light: {
      "editor-background": "#ffffff",
      "editor-foreground": "#1f1f1f",
      "editorWidget-background": "#f3f3f3",
      "editorWidget-border": "#c8c8c8",
    },
    dark: {
      "editor-background": "#1e1e1e",
      "editor-foreground": "#cccccc",
      "editorWidget-background": "#252526",
      "editorWidget-border": "#454545",
      "testing-iconPassed": "#73c991",
      "editorWarning-foreground": "#cca700",
      "testing-iconFailed": "#f14c4c",
      disabledForeground: "#8c8c8c",
      "editorLineNumber-foreground": "#858585",
      "badge-background": "#616161",
      "input-background": "#3c3c3c",
      "input-foreground": "#cccccc",
      "button-secondaryBackground": "#3a3d41",
      "button-secondaryForeground": "#cccccc",
    },
  };
  const theme = new URLSearchParams(location.search).get("theme") === "dark" ? "dark" : "light";
  document.body.classList.add(`vscode-${theme}`);
  for (const [name, value] of Object.entries(themes[theme]))
    document.documentElement.style.setProperty(`--vscode-${name}`, value);
})();
