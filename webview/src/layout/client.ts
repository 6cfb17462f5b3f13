/**
 * Runs layouts in the worker. VS Code webviews cannot start a Worker from a resource URI, so the worker's script is
 * fetched from the URI in the `assetline-worker-uri` meta tag and started from a Blob URL (CSP: worker-src blob:).
 * Only the newest request's result is delivered; older ones are dropped when they arrive.
 */
import type { LayoutRequest, LayoutResult } from "./types";

interface Waiting {
  resolve(result: LayoutResult): void;
  reject(error: Error): void;
}

export class LayoutClient {
  private nextId = 1;
  private readonly pending = new Map<number, Waiting>();

  private constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<LayoutResult>) => {
      const waiting = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      if (waiting && event.data.id === this.nextId - 1) waiting.resolve(event.data);
    };
    // A layout that throws would otherwise leave the view blank with no word of why.
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      const error = new Error(`The lineage layout failed: ${event.message || "the layout worker stopped"}.`);
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
  }

  static async start(): Promise<LayoutClient> {
    const uri = document.querySelector<HTMLMetaElement>('meta[name="assetline-worker-uri"]')?.content;
    if (!uri)
      throw new Error(
        'The lineage view\'s HTML has no <meta name="assetline-worker-uri">; render it with renderWebviewHtml().',
      );
    const response = await fetch(uri);
    if (!response.ok) throw new Error(`Could not load the layout worker from ${uri}: HTTP ${response.status}.`);
    const blob = new Blob([await response.text()], { type: "text/javascript" });
    return new LayoutClient(new Worker(URL.createObjectURL(blob)));
  }

  /** Resolves with the layout, or never when a newer request overtook this one; rejects when the worker fails. */
  layout(request: Omit<LayoutRequest, "id">): Promise<LayoutResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const transfer: Transferable[] = [request.edges.buffer, request.clusters.buffer];
      if (request.overview) transfer.push(request.overview.colourIndex.buffer);
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }
}
