/**
 * What Materialize Partition… offers and what a pick runs: the asset's partitions with their states (from
 * `status --partitions KEY --json`, in the definition's order), the shortcuts Latest / All missing / All failed /
 * Range…, a range typed as `start...end`, and the CLI flags for the chosen partitions. No vscode: unit-tested.
 */
import type { PartitionState, PartitionStatus, PartitionsDefinitionData } from "assetline/protocol";

export type PartitionChoice =
  | { kind: "latest" }
  | { kind: "missing" }
  | { kind: "failed" }
  | { kind: "range" }
  | { kind: "partition"; key: string };

export interface ChoiceItem {
  /** With a codicon (`$(error) 2026-03-05`), as QuickPick labels show them. */
  label: string;
  description: string;
  detail?: string;
  choice: PartitionChoice;
}

/** Icons of the partition states; the lens and the hover say the same states in words. */
export const STATE_ICONS: Record<PartitionState, string> = {
  materialized: "$(pass-filled)",
  stale: "$(warning)",
  failed: "$(error)",
  missing: "$(circle-large-outline)",
};

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * The shortcuts first (each only when it would pick something), then every partition, newest last as the definition
 * orders them; a stale or failed partition's first reason is its detail line.
 */
export function choiceItems(partitions: readonly PartitionStatus[]): ChoiceItem[] {
  const count = (state: PartitionState) => partitions.filter((p) => p.state === state).length;
  const latest = partitions.at(-1);
  const missing = count("missing");
  const failed = count("failed");
  return [
    ...(latest
      ? [
          {
            label: "$(arrow-right) Latest",
            description: `${latest.partition} · ${latest.state}`,
            choice: { kind: "latest" },
          } as const,
        ]
      : []),
    ...(missing > 0
      ? [
          {
            label: "$(circle-large-outline) All missing",
            description: plural(missing, "partition"),
            choice: { kind: "missing" },
          } as const,
        ]
      : []),
    ...(failed > 0
      ? [
          {
            label: "$(error) All failed",
            description: plural(failed, "partition"),
            choice: { kind: "failed" },
          } as const,
        ]
      : []),
    { label: "$(list-flat) Range…", description: "first...last", choice: { kind: "range" } },
    ...partitions.map((p) => ({
      label: `${STATE_ICONS[p.state]} ${p.partition}`,
      description: p.state,
      // A missing partition's reason only repeats its state; why one is stale or failed is worth a line.
      ...(p.reasons[0] && p.state !== "missing" ? { detail: p.reasons[0] } : {}),
      choice: { kind: "partition", key: p.partition } as const,
    })),
  ];
}

/** The item the filter text names when it matches exactly one (a multi-select QuickPick highlights none). */
export function typedItem<T extends ChoiceItem>(items: readonly T[], text: string): T[] {
  const typed = text.trim().toLowerCase();
  if (typed === "") return [];
  const exact = items.filter((item) => item.choice.kind === "partition" && item.choice.key.toLowerCase() === typed);
  if (exact.length > 0) return exact;
  const matching = items.filter((item) =>
    `${item.label.replace(/\$\([\w-]+\)\s*/g, "")} ${item.description}`.toLowerCase().includes(typed),
  );
  return matching.length === 1 ? matching : [];
}

/** The keys the picks name (Range… excluded: it asks for its range next), each once, in the definition's order. */
export function chosenKeys(choices: readonly PartitionChoice[], partitions: readonly PartitionStatus[]): string[] {
  const chosen = new Set<string>();
  for (const choice of choices) {
    if (choice.kind === "partition") chosen.add(choice.key);
    else if (choice.kind === "latest" && partitions.length > 0) chosen.add(partitions.at(-1)!.partition);
    else if (choice.kind === "missing" || choice.kind === "failed")
      for (const p of partitions) if (p.state === choice.kind) chosen.add(p.partition);
  }
  return partitions.map((p) => p.partition).filter((key) => chosen.has(key));
}

/** How the definition writes a key, for the range box's prompt and errors: `yyyy-MM-dd`, `eu, us, apac`. */
export function keyFormat(
  definition: PartitionsDefinitionData | undefined,
  partitions: readonly PartitionStatus[],
): string {
  if (definition?.type === "time-window")
    return `${definition.fmt}, e.g. ${partitions[0]?.partition ?? definition.start}`;
  const examples = partitions.slice(0, 3).map((p) => p.partition);
  return examples.length > 0 ? `a key such as ${examples.join(", ")}` : "a partition key";
}

/**
 * Reads `start...end` (inclusive; one key alone is a range of one) against the asset's partitions: the keys between,
 * in order, or the error the input box shows under the text.
 */
export function parseRange(
  text: string,
  partitions: readonly PartitionStatus[],
  format: string,
): { keys: string[] } | { error: string } {
  const parts = text.trim().split("...");
  if (parts.length > 2 || parts.some((part) => part.trim() === ""))
    return { error: `Write a range as first...last (${format}).` };
  const keys = partitions.map((p) => p.partition);
  const [start, end = start] = parts.map((part) => part.trim()) as [string, string?];
  const from = keys.indexOf(start);
  const to = keys.indexOf(end);
  const unknown = from < 0 ? start : to < 0 ? end : undefined;
  if (unknown !== undefined) return { error: `${unknown} is not one of this asset's partitions (${format}).` };
  if (from > to) return { error: `${start} comes after ${end}: write the earlier partition first.` };
  return { keys: keys.slice(from, to + 1) };
}

/**
 * The CLI flags for chosen keys: `--partition KEY` for one, `--partitions first...last` when they are consecutive
 * partitions, else `--partitions a,b,c`; `missing` and `failed` when exactly those were asked for, so the runner
 * decides them from the store at run time as it does for Backfill missing.
 */
export function partitionFlags(
  keys: readonly string[],
  partitions: readonly PartitionStatus[],
  choices: readonly PartitionChoice[] = [],
): string[] {
  const only = choices.length === 1 ? choices[0]!.kind : undefined;
  if ((only === "missing" || only === "failed") && keys.length > 1) return ["--partitions", only];
  if (keys.length === 1) return ["--partition", keys[0]!];
  const order = partitions.map((p) => p.partition);
  const first = order.indexOf(keys[0]!);
  const consecutive = first >= 0 && keys.every((key, i) => order[first + i] === key);
  return ["--partitions", consecutive ? `${keys[0]}...${keys.at(-1)}` : keys.join(",")];
}
