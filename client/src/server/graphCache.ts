/**
 * The latest graph with statuses from the server, shared by the status bar, the lineage panel and failure
 * diagnostics. The server announces changes on every keystroke that touches the graph, so fetches are debounced.
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import {
  GraphChangedNotification,
  GraphRequest,
  type AssetCheckNode,
  type AssetNode,
  type GraphWithStatuses,
} from "assetline/protocol";
import { findNode } from "./findNode";
import { notificationType, requestType } from "./messageTypes";

const debounceMs = 250;

export class GraphCache implements vscode.Disposable {
  private latest: GraphWithStatuses | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<GraphWithStatuses>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly client: LanguageClient,
    private readonly log: (line: string) => void,
  ) {
    this.subscription = client.onNotification(notificationType(GraphChangedNotification), () => this.refreshSoon());
  }

  get graph(): GraphWithStatuses | undefined {
    return this.latest;
  }

  /** The asset with this key; with `root`, the one defined in that workspace folder (two folders may share a key). */
  node(key: string, root?: string): AssetNode | undefined {
    return findNode(this.latest?.graph.nodes ?? [], key, root);
  }

  /** The check with this key (`asset:name`); with `root`, the one defined in that workspace folder. */
  check(key: string, root?: string): AssetCheckNode | undefined {
    return findNode(this.latest?.graph.checks ?? [], key, root);
  }

  /** Fetches now and announces the graph; a failure is logged and leaves the previous graph in place. */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    try {
      this.latest = await this.client.sendRequest(requestType(GraphRequest), {});
      this.changed.fire(this.latest);
    } catch (error) {
      this.log(
        `Could not fetch the asset graph from the language server: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), debounceMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
