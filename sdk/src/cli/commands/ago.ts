import { formatGap } from "../../status/staleness";

/** "3 min ago", for human output. */
export function ago(timestamp: number, now = Date.now()): string {
  const gap = formatGap(now - timestamp);
  return gap === "moments" ? "just now" : `${gap} ago`;
}
