/** The lineage webview's entry: start the layout worker, wire the typed messages, then tell the host we are ready. */
import { FocusMessage, GraphMessage, ReadyMessage, RunEventMessage, ViewStateMessage } from "assetline/protocol";
import { LineageApp } from "./app";
import { LayoutClient } from "./layout/client";
import { MessageDispatcher, post } from "./messaging";

async function start(): Promise<void> {
  const container = document.getElementById("app");
  if (!container)
    throw new Error('The lineage view needs an element with id "app"; render its HTML with renderWebviewHtml().');
  const app = new LineageApp(container, await LayoutClient.start());
  const dispatcher = new MessageDispatcher()
    .on(GraphMessage, (params) => app.setGraph(params))
    .on(FocusMessage, (params) => app.setFocus(params.key))
    .on(RunEventMessage, (event) => app.applyRunEvent(event))
    .on(ViewStateMessage, ({ direction }) => app.setDirection(direction));
  window.addEventListener("message", (event: MessageEvent<unknown>) => dispatcher.dispatch(event.data));
  post(ReadyMessage, {});
}

void start();
