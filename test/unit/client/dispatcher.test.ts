import { FocusMessage, RenderedMessage, RevealMessage } from "assetline/protocol";
import { describe, expect, it } from "vitest";
import { envelope, MessageDispatcher } from "../../../client/src/lineage/dispatcher";
import { LatestValue } from "../../../client/src/lineage/latestValue";

describe("webview message dispatcher", () => {
  it("hands each envelope's params to the handler of its message", async () => {
    const revealed: string[] = [];
    const rendered: number[] = [];
    const dispatcher = new MessageDispatcher()
      .on(RevealMessage, ({ key }) => void revealed.push(key))
      .on(RenderedMessage, ({ nodes }) => void rendered.push(nodes));
    expect(await dispatcher.dispatch(envelope(RevealMessage, { key: "orders_raw" }))).toBe(true);
    expect(await dispatcher.dispatch({ method: "rendered", params: { nodes: 18, edges: 20 } })).toBe(true);
    expect(revealed).toEqual(["orders_raw"]);
    expect(rendered).toEqual([18]);
  });

  it("refuses what is no known envelope", async () => {
    const dispatcher = new MessageDispatcher().on(RevealMessage, () => undefined);
    expect(await dispatcher.dispatch(envelope(FocusMessage, { key: null }))).toBe(false);
    expect(await dispatcher.dispatch("reveal")).toBe(false);
    expect(await dispatcher.dispatch(null)).toBe(false);
  });
});

describe("latest rendered counts", () => {
  it("waits for the first render, then answers with the latest at once", async () => {
    const latest = new LatestValue<number>();
    const first = latest.get();
    latest.set(3);
    latest.set(5);
    expect(await first).toBe(3);
    expect(await latest.get()).toBe(5);
    latest.clear();
    const afterClose = latest.get();
    latest.set(7);
    expect(await afterClose).toBe(7);
  });
});
