/**
 * Partition selections as the CLI takes them (`--partition`, `--partitions`): a key (`2026-03-01`), an inclusive range
 * in the definition's order (`2026-03-01...2026-03-31`), or a comma-separated list of either (`eu,us`).
 */
import type { PartitionsDefinitionData } from "../protocol/partitions";
import { keyRange, requireIndex, type PartitionContext } from "./keys";

/** The selected keys, each once, in the definition's order. Throws naming the first key that is not a partition. */
export function parsePartitionSelection(
  definition: PartitionsDefinitionData,
  text: string,
  context: PartitionContext,
): string[] {
  const items = text.split(",").map((item) => item.trim());
  if (items.some((item) => item === ""))
    throw new Error(
      `the partition selection "${text}" has an empty item: write keys or ranges separated by commas, like 2026-03-01...2026-03-07,2026-03-10.`,
    );
  const selected = new Map<string, number>();
  for (const item of items) {
    const range = item.split("...");
    if (range.length > 2)
      throw new Error(`"${item}" is not a range: write FIRST...LAST, like 2026-03-01...2026-03-31.`);
    if (range.length === 2) {
      const [from, to] = range.map((part) => part.trim()) as [string, string];
      const first = requireIndex(definition, from, context);
      keyRange(definition, from, to, context).forEach((key, offset) => selected.set(key, first + offset));
    } else selected.set(item, requireIndex(definition, item, context));
  }
  return [...selected].sort((a, b) => a[1] - b[1]).map(([key]) => key);
}
