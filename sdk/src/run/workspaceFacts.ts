/**
 * The facts a selection needs beyond the graph, for the CLI: asset statuses (status:, and the latest materialization's
 * table facts for column: and table_name:), the workspace package of each asset's file (code_location:) and what
 * changed since a git revision (changed_in_branch:). Each is computed only when a selection asks for it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix, relative, resolve } from "node:path";
import { createAnalyzer } from "../analyze";
import { isSourceFile } from "../analyze/workspaceFiles";
import type { AssetGraph, AssetNode, AssetStatus } from "../protocol";
import { type SelectionFacts, tableFacts } from "../selection";
import { worstCheckState } from "../status/assetChecks";

export interface WorkspaceFactsOptions {
  root: string;
  definitionsFile?: string;
  graph: AssetGraph;
  /**
   * Every asset's status (state, checks, freshness, latest materialization), needed only for a status:, column: or
   * table_name: term; absent: such a term throws `StatusesNeeded` (see `resolveWithStatuses`).
   */
  statuses?: readonly AssetStatus[];
}

/** A selection term needs the statuses, which were not read: reading them costs a round of store reads. */
export class StatusesNeeded extends Error {}

/**
 * Resolves a selection without the statuses, and only when one of its terms asks for them reads them and resolves
 * again: most selections name keys, groups or tags, and a run should not wait for every asset's status.
 */
export async function resolveWithStatuses<T>(
  resolve: (statuses?: readonly AssetStatus[]) => T,
  read: () => Promise<readonly AssetStatus[]>,
): Promise<T> {
  try {
    return resolve();
  } catch (error) {
    if (!(error instanceof StatusesNeeded)) throw error;
    return resolve(await read());
  }
}

export function workspaceFacts({ root, definitionsFile, graph, statuses }: WorkspaceFactsOptions): SelectionFacts {
  let known: ReadonlyMap<string, AssetStatus> | undefined;
  const statusOf = (key: string) => {
    if (!statuses) throw new StatusesNeeded("the selection asks for the assets' statuses");
    return (known ??= new Map(statuses.map((status) => [status.key, status]))).get(key);
  };
  const byKey = new Map(graph.nodes.map((node) => [node.key, node]));
  const packages = new PackageNames(resolve(root));
  const changed = new Map<string, ReadonlySet<string>>();
  return {
    state: (key) => statusOf(key)?.state ?? "never",
    checkState: (key) => worstCheckState((statusOf(key)?.checks ?? []).map((check) => check.state)),
    overdue: (key) => statusOf(key)?.freshness?.state === "overdue",
    ...tableFacts((key) => statusOf(key)?.lastMaterialization?.metadata),
    codeLocation: (key) => {
      const file = byKey.get(key)?.location?.file;
      return file === undefined ? undefined : packages.of(dirname(file));
    },
    changedSince: (base) => {
      let keys = changed.get(base);
      if (!keys) {
        try {
          keys = changedKeys(root, definitionsFile, base, graph);
        } catch (error) {
          throw new Error(`changed_in_branch:${base}: ${(error as Error).message}`);
        }
        changed.set(base, keys);
      }
      return keys;
    },
  };
}

/** The `name` of the nearest package.json from a folder up to the workspace root: a monorepo's package. */
class PackageNames {
  private readonly byFolder = new Map<string, string | undefined>();
  constructor(private readonly root: string) {}

  of(folder: string): string | undefined {
    const absolute = resolve(folder);
    if (this.byFolder.has(absolute)) return this.byFolder.get(absolute);
    const name = this.read(join(absolute, "package.json"));
    const outside = relative(this.root, absolute).startsWith("..");
    const found = name ?? (absolute === this.root || outside ? undefined : this.of(dirname(absolute)));
    this.byFolder.set(absolute, found);
    return found;
  }

  private read(file: string): string | undefined {
    if (!existsSync(file)) return undefined;
    try {
      const { name } = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown };
      return typeof name === "string" ? name : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * The assets whose definition differs at git revision `base`: new ones, and those whose code version, upstream keys,
 * group, tags, kinds or owners changed (the definition changes Dagster's branch deployments track). The workspace's
 * files at `base` are analyzed as the working tree is, by the same analyzer.
 */
export function changedKeys(
  root: string,
  definitionsFile: string | undefined,
  base: string,
  graph: AssetGraph,
): Set<string> {
  const before = graphAt(root, definitionsFile, base);
  const old = new Map(before.nodes.map((node) => [node.key, fingerprint(node, before)]));
  return new Set(graph.nodes.filter((node) => old.get(node.key) !== fingerprint(node, graph)).map((n) => n.key));
}

function fingerprint(node: AssetNode, graph: AssetGraph): string {
  const upstream = graph.edges
    .filter((edge) => edge.to === node.key)
    .map((edge) => edge.from)
    .sort();
  const tags = Object.entries(node.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const { codeVersion, group, kinds, owners, kind } = node;
  return JSON.stringify([codeVersion, kind, group, upstream, tags, [...kinds].sort(), [...owners].sort()]);
}

/** The graph of the workspace's source files as they are at `base`, read with one `git cat-file --batch`. */
function graphAt(root: string, definitionsFile: string | undefined, base: string): AssetGraph {
  // A leading "-" would reach git as an option, not a revision.
  if (base.startsWith("-")) throw new Error(`"${base}" is not a git revision: name a branch, tag or commit.`);
  const git = (args: string[], input?: string) =>
    execFileSync("git", args, { cwd: root, input, maxBuffer: 1 << 30, stdio: ["pipe", "pipe", "pipe"] });
  try {
    git(["rev-parse", "--verify", "--quiet", `${base}^{commit}`]);
  } catch (error) {
    const detail = gitFailure(error);
    if ((error as { code?: string }).code === "ENOENT") throw new Error("git is not installed or not on the PATH.");
    throw new Error(
      detail.includes("not a git repository")
        ? `${root} is not in a git repository.`
        : `git knows no commit "${base}"; fetch it (git fetch origin ${base}) or name another branch, tag or commit.`,
    );
  }
  const files = git(["ls-tree", "-r", "-z", "--name-only", base, "--", "."])
    .toString("utf8")
    .split("\0")
    .filter((file) => file !== "" && isSourceFile(file));
  const blobs = git(["cat-file", "--batch"], files.map((file) => `${base}:./${file}\n`).join(""));
  const copy = mkdtempSync(join(tmpdir(), "assetline-base-"));
  try {
    let at = 0;
    for (const file of files) {
      const header = blobs.subarray(at, blobs.indexOf(10, at)).toString("utf8");
      at += header.length + 1;
      const size = Number(header.split(" ")[2]);
      if (!header.includes(" blob ")) continue;
      const target = join(copy, ...file.split(posix.sep));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, blobs.subarray(at, at + size));
      at += size + 1;
    }
    const analyzer = createAnalyzer({ root: copy, definitionsFile });
    analyzer.loadFromDisk();
    return analyzer.graph();
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

function gitFailure(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr;
  return stderr ? stderr.toString("utf8") : String(error);
}
