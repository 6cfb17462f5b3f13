/**
 * First paint in Chromium: from the host posting a GraphMessage to the first frame drawn after the webview's
 * RenderedMessage (layout in the worker included), using the same host page as the webview tests.
 */
import type { GraphWithStatuses } from "../../sdk/src/protocol";
import { GraphMessage } from "../../sdk/src/protocol";
import { launchChromium, openLineage, sendAndRender } from "../../test/webview/host/browser";
import { startHost } from "../../test/webview/host/server";
import type { RandomDag } from "./randomDag";

function asGraph(dag: RandomDag): GraphWithStatuses {
  const key = (i: number) => `asset_${i}`;
  const nodes = Array.from({ length: dag.nodeCount }, (_, i) => ({
    key: key(i),
    kind: "asset" as const,
    group: "default",
    tags: {},
    kinds: [],
    owners: [],
    codeVersion: "v1",
  }));
  const edges = Array.from({ length: dag.edges.length / 2 }, (_, e) => ({
    from: key(dag.edges[2 * e]!),
    to: key(dag.edges[2 * e + 1]!),
    kind: "data" as const,
  }));
  return { graph: { nodes, edges, jobs: [] }, statuses: [] };
}

/** Milliseconds to first paint, per graph, each in a fresh page. */
export async function measureFirstPaint(dags: RandomDag[]): Promise<number[]> {
  const host = await startHost();
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (const [index, dag] of dags.entries()) {
      const page = await browser.context.newPage();
      await openLineage(page, host.url("light"));
      const url = host.serveMessage(`bench-${index}`, { method: GraphMessage.method, params: asGraph(dag) });
      const started = await page.evaluate(() => performance.now());
      await sendAndRender(page, GraphMessage, { url });
      times.push((await page.evaluate(() => performance.now())) - started);
      await page.close();
    }
    return times;
  } finally {
    await browser.close();
    await host.close();
  }
}
