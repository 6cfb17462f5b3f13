/**
 * Evaluates a selection on a graph. Each sub-expression yields a membership mask over the indexed nodes, so the
 * whole evaluation costs O(expression size × (nodes + edges)).
 */
import type { CheckStatus } from "../protocol/checks";
import type { AssetState } from "../protocol/state";
import {
  AUTOMATION_TYPE_VALUES,
  type AutomationTypeValue,
  type Depth,
  type SelectionExpr,
  type StatusValue,
  type Value,
} from "./ast";
import { parseSelection } from "./parse";
import { indexGraph, type Adjacency, type GraphIndex, type SelectionGraph, type SelectionNode } from "./graphIndex";

type Mask = Uint8Array;

/**
 * What a selection may need beyond the graph, passed in by the caller that knows it: the CLI reads states from the
 * store and asks git; the editor has states but no git. A term whose fact is missing throws `SelectionNeedsFacts`.
 */
export interface SelectionFacts {
  /** An asset's state now (`never` when the store has nothing); `status:` needs it. */
  state?(key: string): AssetState;
  /**
   * The worst state of an asset's checks now (failed > warning > passed > never; `never` for an asset without checks);
   * `status:check_failed` and `status:check_warning` need it.
   */
  checkState?(key: string): CheckStatus["state"];
  /** Whether the asset's freshness policy says it is overdue now; `status:overdue` needs it. */
  overdue?(key: string): boolean;
  /** The keys whose definition differs from the one at git revision `base`; `changed_in_branch:` needs it. */
  changedSince?(base: string): ReadonlySet<string>;
  /** The workspace package (nearest package.json `name`) of an asset's file; `code_location:` needs it. */
  codeLocation?(key: string): string | undefined;
  /** The column names of the asset's latest `column_schema` (none when it recorded none); `column:` needs it. */
  columns?(key: string): readonly string[];
  /** The asset's latest recorded `table_name` (`silver.orders_enriched`); `table_name:` needs it. */
  tableName?(key: string): string | undefined;
}

/** A selection that parses but cannot be evaluated here: a `job:` loop, or a fact it needs is missing. */
export class SelectionEvaluationError extends Error {}

/** A term needs a fact the caller did not pass: `status:` without states, `job:` without the graph's jobs, … */
export class SelectionNeedsFacts extends SelectionEvaluationError {
  constructor(
    readonly term: string,
    what: string,
  ) {
    super(`"${term}" needs ${what}, which is known only when the selection is resolved for a run or a status`);
  }
}

type StateValue = Exclude<StatusValue, CheckValue | "overdue">;
type CheckValue = "check_failed" | "check_warning";

/** Which asset states each `status:` value over states stands for. */
const STATUS_STATES: Record<StateValue, readonly AssetState[]> = {
  materialized: ["fresh", "stale"],
  fresh: ["fresh"],
  stale: ["stale"],
  missing: ["never"],
  failed: ["failed"],
  in_progress: ["running"],
};

/** The worst check state each `status:` value over checks stands for: an asset whose checks failed is not a warning. */
const CHECK_STATES: Record<CheckValue, CheckStatus["state"]> = { check_failed: "failed", check_warning: "warning" };

/** The keys the selection picks, in the graph's node order. */
export function selectAssets(expr: SelectionExpr, graph: SelectionGraph, facts: SelectionFacts = {}): Set<string> {
  const index = indexGraph(graph);
  const mask = new Evaluator(index, graph, facts).evaluate(expr);
  const selected = new Set<string>();
  index.nodes.forEach((node, i) => {
    if (mask[i]) selected.add(node.key);
  });
  return selected;
}

class Evaluator {
  /** Jobs, schedules and sensors being evaluated (`job:x`), to refuse one whose selection reaches itself. */
  private readonly inJobs: string[] = [];

  constructor(
    private readonly index: GraphIndex,
    private readonly graph: SelectionGraph,
    private readonly facts: SelectionFacts,
  ) {}

  evaluate(expr: SelectionExpr): Mask {
    const { index, facts } = this;
    switch (expr.type) {
      case "all":
        return new Uint8Array(index.nodes.length).fill(1);
      case "key":
        return matchKey(expr.pattern, index);
      // Every asset has a group (`default` when none is named), so group:<null> selects nothing, as in Dagster.
      case "group":
        return filter(index, (node) => node.group === expr.value);
      case "kind":
        return filter(index, (node) => listHas(node.kinds, expr.value));
      case "owner":
        return filter(index, (node) => listHas(node.owners, expr.value));
      case "tag":
        return filter(index, (node) =>
          expr.key === null ? Object.keys(node.tags).length === 0 : node.tags[expr.key] === expr.value,
        );
      case "is":
        return filter(index, (node) => (node.kind === "external") === (expr.value === "external"));
      case "status":
        return this.status(expr.value);
      case "code_location": {
        const location = facts.codeLocation ?? missing(`code_location:${expr.value}`, "the workspace's packages");
        return filter(index, (node) => (location(node.key) ?? null) === expr.value);
      }
      case "changed_in_branch": {
        const changed = (facts.changedSince ?? missing(`changed_in_branch:${expr.base}`, "git"))(expr.base);
        return filter(index, (node) => changed.has(node.key));
      }
      case "column": {
        const columns = facts.columns ?? missing(`column:${expr.pattern}`, "the tables' recorded schemas");
        const matches = matcher(expr.pattern);
        return filter(index, (node) => columns(node.key).some(matches));
      }
      case "table_name": {
        const tableName = facts.tableName ?? missing(`table_name:${expr.pattern}`, "the tables' recorded names");
        const matches = matcher(expr.pattern);
        return filter(index, (node) => {
          const name = tableName(node.key);
          return name !== undefined && matches(name);
        });
      }
      case "job":
        return this.job(expr.name);
      case "schedule":
      case "sensor":
        return this.automation(expr.type, expr.name);
      case "automation_type":
        return filter(index, (node) => automationType(node) === expr.value);
      case "not":
        return this.evaluate(expr.operand).map((member) => 1 - member);
      case "and": {
        const right = this.evaluate(expr.right);
        return this.evaluate(expr.left).map((member, i) => member & right[i]!);
      }
      case "or": {
        const right = this.evaluate(expr.right);
        return this.evaluate(expr.left).map((member, i) => member | right[i]!);
      }
      case "traverse":
        return traverse(this.evaluate(expr.operand), index, expr.up, expr.down);
      case "roots":
        return unreachedFromMembers(this.evaluate(expr.operand), index.children);
      case "sinks":
        return unreachedFromMembers(this.evaluate(expr.operand), index.parents);
    }
  }

  private status(value: StatusValue): Mask {
    const { index, facts } = this;
    const term = `status:${value}`;
    if (value === "overdue") {
      const overdue = facts.overdue ?? missing(term, "the assets' freshness");
      return filter(index, (node) => overdue(node.key));
    }
    if (value === "check_failed" || value === "check_warning") {
      const checkState = facts.checkState ?? missing(term, "the assets' check results");
      return filter(index, (node) => checkState(node.key) === CHECK_STATES[value]);
    }
    const state = facts.state ?? missing(term, "the assets' states");
    const states = STATUS_STATES[value];
    return filter(index, (node) => states.includes(state(node.key)));
  }

  /** The assets job `name` selects; no job of that name selects none, as in Dagster's UI. */
  private job(name: string): Mask {
    const jobs = this.graph.jobs ?? missing(`job:${name}`, "the workspace's jobs");
    return this.named("job", name, jobs.find((candidate) => candidate.name === name)?.selection);
  }

  /** The assets a schedule or sensor runs: its job's, or its selection's; none when it names no such one or runs nothing. */
  private automation(type: "schedule" | "sensor", name: string): Mask {
    const list = this.graph[`${type}s`] ?? missing(`${type}:${name}`, `the workspace's ${type}s`);
    const target = list.find((candidate) => candidate.name === name)?.target;
    if (target && "job" in target) return this.job(target.job);
    return this.named(type, name, target?.selection);
  }

  /** The assets the selection of job (schedule, sensor) `name` picks; refuses one that reaches itself. */
  private named(type: "job" | "schedule" | "sensor", name: string, selection: string | undefined): Mask {
    const parsed = selection === undefined ? undefined : parseSelection(selection);
    if (!parsed?.ok) return new Uint8Array(this.index.nodes.length);
    const term = `${type}:${name}`;
    if (this.inJobs.includes(term))
      throw new Error(`${type} "${name}" selects itself through ${[...this.inJobs, term].join(" -> ")}`);
    this.inJobs.push(term);
    try {
      return this.evaluate(parsed.expr);
    } finally {
      this.inJobs.pop();
    }
  }
}

/** `automation_type:`'s value for a node: its condition's top-level label when it is one of Dagster's composites. */
export function automationType(node: SelectionNode): AutomationTypeValue | null {
  const condition = node.automationCondition;
  if (!condition) return null;
  const label = condition.label as AutomationTypeValue | undefined;
  return label !== undefined && label !== "custom" && AUTOMATION_TYPE_VALUES.includes(label) ? label : "custom";
}

function missing(term: string, what: string): never {
  throw new SelectionNeedsFacts(term, what);
}

/** `<null>` matches an asset with an empty list (no kinds, no owners), as in Dagster's UI. */
function listHas(list: readonly string[], value: Value): boolean {
  return value === null ? list.length === 0 : list.includes(value);
}

function filter(index: GraphIndex, test: (node: SelectionNode) => boolean): Mask {
  return Uint8Array.from(index.nodes, (node) => (test(node) ? 1 : 0));
}

function matchKey(pattern: string, index: GraphIndex): Mask {
  if (!pattern.includes("*")) {
    const mask = new Uint8Array(index.nodes.length);
    const i = index.numberOf.get(pattern);
    if (i !== undefined) mask[i] = 1;
    return mask;
  }
  const regex = wildcardRegex(pattern);
  return filter(index, (node) => regex.test(node.key));
}

/** Whether a text matches `pattern`: exactly, or by its `*` wildcards. */
function matcher(pattern: string): (text: string) => boolean {
  if (!pattern.includes("*")) return (text) => text === pattern;
  const regex = wildcardRegex(pattern);
  return (text) => regex.test(text);
}

/** `*` matches any run of characters, `/` included; everything else is literal. */
function wildcardRegex(pattern: string): RegExp {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`);
}

/**
 * `up+x+down`: as Dagster's AssetSelection.upstream(), the upstream part walks through external assets but keeps
 * only materializable ones (the operand's own external members too); the downstream part keeps everything.
 */
function traverse(start: Mask, index: GraphIndex, up: Depth | undefined, down: Depth | undefined): Mask {
  const result = new Uint8Array(start.length);
  if (up !== undefined) {
    const upstream = walk(start, index.parents, up);
    upstream.forEach((member, i) => {
      if (member && index.nodes[i]!.kind !== "external") result[i] = 1;
    });
  }
  if (down !== undefined) walk(start, index.children, down).forEach((member, i) => (result[i]! |= member));
  return result;
}

/** `start` and what a breadth-first walk along `neighbours` reaches within `depth` layers. */
function walk(start: Mask, { offsets, targets }: Adjacency, depth: Depth): Mask {
  const limit = depth === "all" ? Infinity : depth;
  const seen = start.slice();
  let frontier: number[] = [];
  start.forEach((member, i) => {
    if (member) frontier.push(i);
  });
  for (let layer = 0; layer < limit && frontier.length > 0; layer++) {
    const next: number[] = [];
    for (const node of frontier) {
      for (let e = offsets[node]!; e < offsets[node + 1]!; e++) {
        const neighbour = targets[e]!;
        if (seen[neighbour]) continue;
        seen[neighbour] = 1;
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return seen;
}

/**
 * Members that no member reaches along `away` (children for roots, parents for sinks) by any path of the whole
 * graph, through non-members too: Dagster's roots()/sinks(). One walk from every member's neighbours, so O(V + E).
 */
function unreachedFromMembers(members: Mask, away: Adjacency): Mask {
  const { offsets, targets } = away;
  const reached = new Uint8Array(members.length);
  const stack: number[] = [];
  members.forEach((member, i) => {
    if (!member) return;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) stack.push(targets[e]!);
  });
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (reached[node]) continue;
    reached[node] = 1;
    for (let e = offsets[node]!; e < offsets[node + 1]!; e++) if (!reached[targets[e]!]) stack.push(targets[e]!);
  }
  return members.map((member, i) => member & (1 - reached[i]!));
}
