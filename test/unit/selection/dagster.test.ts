/**
 * The selection forms where Assetline follows Dagster's meaning, each row citing it: Dagster's grammar
 * (AssetSelection.g4), its Python resolver (asset_selection.py: TagAssetSelection, UpstreamAssetSelection, …) and
 * its UI visitor (AntlrAssetSelectionVisitor.ts: `<null>`, roots/sinks, status:). Plus the attributes that need facts
 * from outside the graph (status:, code_location:, changed_in_branch:, job:).
 */
import { describe, expect, it } from "vitest";
import type { AssetState, CheckStatus } from "../../../sdk/src/protocol";
import {
  formatSelection,
  parseSelection,
  type SelectionFacts,
  type SelectionGraph,
  SelectionNeedsFacts,
  type SelectionNode,
  selectAssets,
} from "../../../sdk/src/selection";

/**
 *   src_events (external) ─> events ─> sessions ─> daily ─> report ─> sinks
 *   lonely
 */
function node(key: string, extra: Partial<SelectionNode> = {}): SelectionNode {
  return { key, kind: "asset", group: "default", tags: {}, kinds: [], owners: [], ...extra };
}
const chain = ["src_events", "events", "sessions", "daily", "report", "sinks"];
const graph: SelectionGraph = {
  nodes: [
    node("src_events", { kind: "external", group: "sources" }),
    node("events", { group: "bronze", tags: { pii: "", tier: "gold" }, kinds: ["table"], owners: ["team-a"] }),
    node("sessions", { group: "silver", tags: { tier: "" } }),
    node("daily", { group: "gold", kinds: ["duckdb"] }),
    node("report", { group: "gold" }),
    node("sinks", { group: "gold" }),
    node("lonely"),
  ],
  edges: chain.slice(1).map((to, i) => ({ from: chain[i]!, to })),
  jobs: [
    { name: "nightly", selection: "+key:daily" },
    { name: "loop", selection: "job:loop or key:lonely" },
    { name: "broken", selection: "key:(" },
  ],
};
const STATES: Record<string, AssetState> = {
  events: "fresh",
  sessions: "stale",
  daily: "failed",
  sinks: "fresh",
  lonely: "running",
};
/** Each asset's worst check state; the rest have no checks (`never`). */
const CHECKS: Record<string, CheckStatus["state"]> = { events: "failed", sessions: "warning", daily: "passed" };
const OVERDUE = new Set(["sessions", "report"]);
const LOCATIONS: Record<string, string> = {
  src_events: "@acme/ingest",
  events: "@acme/ingest",
  sessions: "@acme/ingest",
  daily: "@acme/reports",
  report: "@acme/reports",
  sinks: "@acme/reports",
};
const facts: SelectionFacts = {
  state: (key) => STATES[key] ?? "never",
  checkState: (key) => CHECKS[key] ?? "never",
  overdue: (key) => OVERDUE.has(key),
  codeLocation: (key) => LOCATIONS[key],
  changedSince: (base) => {
    if (base !== "main") throw new Error(`unknown revision ${base}`);
    return new Set(["sessions"]);
  },
};
const ALL = graph.nodes.map((n) => n.key);
const but = (...keys: string[]) => ALL.filter((key) => !keys.includes(key));

function select(text: string, with_: SelectionFacts = facts): string[] {
  const parsed = parseSelection(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return [...selectAssets(parsed.expr, graph, with_)].sort();
}

// [selection, expected keys, Dagster's meaning]
const cases: [string, string[], string][] = [
  ["tag:tier", ["sessions"], "tag:k is tag k with an empty value (TagAssetSelection value ''), not 'has tag k'"],
  ['tag:tier=""', ["sessions"], "the same selection, spelled out"],
  ["tag:tier=gold", ["events"], "tag:k=v is tag k with exactly v"],
  ['tag:""', [], "an empty quoted value is valid (QUOTED_STRING allows nothing inside)"],
  ["tag:<null>", ["daily", "lonely", "report", "sinks", "src_events"], "<null>: assets without any tag"],
  ['kind:""', [], "an empty quoted value is valid"],
  ["kind:<null>", but("events", "daily"), "<null>: assets without a kind"],
  ["owner:<null>", but("events"), "<null>: assets without an owner"],
  ["group:<null>", [], "every asset has a group (`default` at least), so none lacks one"],
  ['group:"*"', [], "group: is an exact name (GroupsAssetSelection); a quoted * is a literal character"],
  ['key:"sinks"', ["sinks"], "a reserved word is a key only when quoted"],
  ['key:""', [], "an empty key is valid and matches no asset"],
  ["+key:sessions", ["events", "sessions"], "upstream keeps only materializable assets (UpstreamAssetSelection)"],
  ["+key:src_events", [], "…the operand's own external members too"],
  ["key:src_events+1", ["events", "src_events"], "downstream keeps external assets (DownstreamAssetSelection)"],
  ["+key:report+", ["daily", "events", "report", "sessions", "sinks"], "up- and downstream parts, each as above"],
  ["roots(key:events or key:daily)", ["events"], "daily is dropped: events reaches it through sessions"],
  ["sinks(key:events or key:daily)", ["daily"], "events is dropped: it reaches daily through sessions"],
  ["roots(*)", ["lonely", "src_events"], "roots of the whole graph"],
  ["sinks(*)", ["lonely", "sinks"], "sinks of the whole graph"],
  ["is:external", ["src_events"], "is:external: AssetSpecs produced elsewhere"],
  ["is:materializable", but("src_events"), "is:materializable: everything else"],
  ["status:materialized", ["events", "sessions", "sinks"], "its last attempt stored a value (fresh or stale)"],
  ["status:fresh", ["events", "sinks"], "Assetline's fresh"],
  ["status:stale", ["sessions"], "Assetline's stale"],
  ["status:missing", ["report", "src_events"], "never materialized"],
  ["status:failed", ["daily"], "the last attempt failed"],
  ["status:in_progress", ["lonely"], "a run is materializing it now"],
  ["status:FAILED", ["daily"], "values are case-insensitive, as the UI upper-cases them"],
  ["status:check_failed", ["events"], "a check's newest evaluation failed with severity error (Assetline's)"],
  ["status:check_warning", ["sessions"], "the worst check warned (severity warn): a failed one is not also a warning"],
  ["status:overdue", ["report", "sessions"], "the freshness policy says overdue now (Assetline's)"],
  ["status:fresh and status:check_failed", ["events"], "a fresh asset may have a failed check: the two combine"],
  ['code_location:"@acme/ingest"', ["events", "sessions", "src_events"], "the asset's workspace package"],
  ["code_location:<null>", ["lonely"], "<null>: a file outside every package"],
  ["changed_in_branch:main", ["sessions"], "definitions that differ from the git revision"],
  ["changed_in_branch:main+", ["daily", "report", "sessions", "sinks"], "…and what they feed, as CI re-checks"],
  ["job:nightly", ["daily", "events", "sessions"], "the assets the job's selection picks"],
  ["job:nightly and status:failed", ["daily"], "job: combines like any attribute"],
  ["job:nope", [], "no such job: no asset, as in Dagster's UI"],
  ["job:broken", [], "a job whose selection does not parse selects nothing (its diagnostic says why)"],
  ["not is:external and roots(*)", ["lonely"], "not is the complement in every asset"],
];

describe("selections mean what they mean in Dagster", () => {
  it.each(cases)("%s", (text, expected) => {
    expect(select(text)).toEqual([...expected].sort());
  });

  it("refuses a job that selects itself, naming the loop", () => {
    expect(() => select("job:loop")).toThrow('job "loop" selects itself through job:loop -> job:loop');
  });

  it.each([
    ["status:fresh", "the assets' states"],
    ["status:check_failed", "the assets' check results"],
    ["status:overdue", "the assets' freshness"],
    ['code_location:"@acme/ingest"', "the workspace's packages"],
    ["changed_in_branch:main", "git"],
  ])(
    "%s without its fact throws SelectionNeedsFacts, for callers to tell apart from selecting nothing",
    (text, what) => {
      const parsed = parseSelection(text);
      const run = () => parsed.ok && selectAssets(parsed.expr, graph);
      expect(run).toThrow(SelectionNeedsFacts);
      expect(run).toThrow(`needs ${what}`);
    },
  );

  it("job: without the graph's jobs throws SelectionNeedsFacts", () => {
    const parsed = parseSelection("job:nightly");
    expect(() => parsed.ok && selectAssets(parsed.expr, { nodes: graph.nodes, edges: graph.edges })).toThrow(
      SelectionNeedsFacts,
    );
  });

  it("roots and sinks stay linear on a 10,000-node chain", () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `a${i}`);
    const long = {
      nodes: keys.map((key) => node(key)),
      edges: keys.slice(1).map((key, i) => ({ from: keys[i]!, to: key })),
    };
    const parsed = parseSelection("roots(key:a1 or key:a9999) or sinks(key:a0 or key:a5000)");
    expect(parsed.ok && [...selectAssets(parsed.expr, long)]).toEqual(["a1", "a5000"]);
  });
});

describe("new forms format back to themselves", () => {
  it.each([
    ['tag:k=""', "tag:k"],
    ['key:""', 'key:""'],
    ["group:<null>", "group:<null>"],
    ['group:"<null>"', 'group:"<null>"'],
    ["tag:<null>", "tag:<null>"],
    ['key:"sinks"', 'key:"sinks"'],
    ['owner:"owner"', 'owner:"owner"'],
    ["job:job", "job:job"],
    ["status:In_Progress", "status:in_progress"],
    ["status:Check_Warning or status:OVERDUE", "status:check_warning or status:overdue"],
    ["is:external or is:materializable", "is:external or is:materializable"],
    ['code_location:"@acme/ingest"', 'code_location:"@acme/ingest"'],
    ["changed_in_branch:origin/main+", "changed_in_branch:origin/main+"],
  ])("%s -> %s", (text, canonical) => {
    const parsed = parseSelection(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(formatSelection(parsed.expr)).toBe(canonical);
    expect(parseSelection(canonical)).toEqual(parsed);
  });
});

describe("malformed new forms: errors with offsets", () => {
  // [text, message, offset, length]
  const errors: [string, string, number, number][] = [
    [
      "sinks",
      'reserved word "sinks" at column 1: the selection syntax keeps it for itself; for the asset, write key:"sinks"',
      0,
      5,
    ],
    [
      "key:a or owner",
      'reserved word "owner" at column 10: the selection syntax keeps it for itself; for the asset, write key:"owner"',
      9,
      5,
    ],
    [
      "key:owner",
      'expected a value after "key:" at column 5, found "owner": quote a value that is a reserved word, as in key:"owner"',
      4,
      5,
    ],
    [
      "key:<null>",
      '"key:" takes no <null> (column 5): tag:, group:, kind:, owner:, code_location:, automation_type: do',
      4,
      6,
    ],
    [
      "status:<null>",
      '"status:" takes no <null> (column 8): tag:, group:, kind:, owner:, code_location:, automation_type: do',
      7,
      6,
    ],
    ["tag:<null>=x", '"tag:<null>" takes no "=value" (column 11): it selects assets without tags', 10, 1],
    [
      "tag:k=<null>",
      '"tag:k=" takes no <null> (column 7): tag:, group:, kind:, owner:, code_location:, automation_type: do',
      6,
      6,
    ],
    [
      "status:done",
      'unknown status "done" at column 8: use status:materialized, status:fresh, status:stale, status:missing, status:failed, status:in_progress, status:check_failed, status:check_warning, status:overdue',
      7,
      4,
    ],
    ["is:source", 'unknown is: value "source" at column 4: use is:external, is:materializable', 3, 6],
    [
      'changed_in_branch:""',
      '"changed_in_branch:" needs a git revision at column 19, as in changed_in_branch:main',
      18,
      2,
    ],
    [
      "column_tag:pii",
      'attribute "column_tag:" at column 1 is Dagster\'s but has nothing to match in Assetline: use key:, tag:, group:, kind:, owner:, code_location:, status:, is:, job:, changed_in_branch:, automation_type:, schedule:, sensor:, column: or table_name:',
      0,
      10,
    ],
    [
      "key:orders and partitions:2026-03-01",
      'attribute "partitions:" at column 16 chooses partitions, not assets: select the assets here and give the partitions with --partitions (materialize --select "…" --partitions 2026-03-01...2026-03-31)',
      15,
      10,
    ],
    ["<null>", 'expected a selection at column 1, found "<null>"', 0, 6],
  ];
  it.each(errors)("%j", (text, message, offset, length) => {
    expect(parseSelection(text)).toEqual({ ok: false, error: { message, offset, length } });
  });
});
