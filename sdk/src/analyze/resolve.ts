/**
 * Name resolution across files, over facts only: module specifiers (as TypeScript resolves them, see
 * moduleResolution.ts), imports under another name,
 * re-exports (named, `*`, `* as ns`), `import * as ns`, `ns.member` and `const b = a` aliases.
 */
import { posix } from "node:path";
import type {
  AutomationFact,
  BindingRef,
  ConditionFact,
  CheckFact,
  DefinitionFact,
  FileFacts,
  JobFact,
  WrittenValue,
} from "./facts";
import type { ModuleAnswer, ModuleResolution } from "./moduleResolution";
import type { Site } from "./report";

export type Target =
  | { type: "definition"; file: FileFacts; definition: DefinitionFact }
  | { type: "job"; file: FileFacts; job: JobFact }
  /** A top-level `assetCheck(...)`, `multiAssetCheck(...)` or builtin check. */
  | { type: "check"; file: FileFacts; check: CheckFact }
  /** A top-level schedule or sensor. */
  | { type: "automation"; file: FileFacts; automation: AutomationFact }
  /** A top-level const holding an automation condition chain. */
  | { type: "condition"; file: FileFacts; condition: ConditionFact }
  | { type: "op"; name: string }
  /** A top-level string const; `site` is its literal, inside the quotes. */
  | { type: "string"; value: string; site: Site }
  | { type: "namespace"; file: FileFacts }
  /** A top-level partitions definition or mapping (`const daily = DailyPartitionsDefinition(...)`), as written. */
  | { type: "partitions"; file: FileFacts; value: WrittenValue }
  /** A binding whose value only running the code would tell (a `let`, a call); `what` completes "`x` is ...". */
  | { type: "dynamic"; what: string; file: FileFacts }
  /** Something the workspace does not define (a package import): not ours to judge. */
  | { type: "outside" }
  /** An import TypeScript resolves to no file: `specifier` as written in `importer`, resolved with `config` (a tsconfig.json). */
  | { type: "unresolved"; specifier: string; importer: FileFacts; config: string | undefined }
  /** A name that should be in the workspace and is not; `reason` completes "`x` ...". */
  | { type: "missing"; reason: string }
  /** A top-level binding that is none of the above (a function, a class, a plain value). */
  | { type: "other"; file: FileFacts };

type LocalThing =
  | Extract<
      Target,
      {
        type:
          | "definition"
          | "job"
          | "check"
          | "automation"
          | "condition"
          | "op"
          | "string"
          | "partitions"
          | "dynamic"
          | "other";
      }
    >
  | { type: "alias"; ref: BindingRef };

/** Each file's own top-level names; cached per facts object, which never changes once extracted. */
const localIndexes = new WeakMap<FileFacts, Map<string, LocalThing>>();

function localIndex(file: FileFacts): Map<string, LocalThing> {
  let index = localIndexes.get(file);
  if (index) return index;
  index = new Map();
  for (const [local, value] of file.values)
    index.set(
      local,
      value.type === "alias"
        ? value
        : value.type === "dynamic"
          ? { type: "dynamic", what: value.what, file }
          : { type: "other", file },
    );
  for (const [local, text] of file.stringConsts)
    index.set(local, { type: "string", value: text.value, site: { file, span: text.span } });
  for (const [local, value] of file.partitionValues) index.set(local, { type: "partitions", file, value });
  for (const [local, name] of file.ops) index.set(local, { type: "op", name });
  for (const job of file.jobs) index.set(job.local, { type: "job", file, job });
  for (const check of file.checks) index.set(check.local, { type: "check", file, check });
  for (const automation of file.automation) index.set(automation.local, { type: "automation", file, automation });
  for (const [local, condition] of file.conditionConsts) index.set(local, { type: "condition", file, condition });
  for (const definition of file.definitions) index.set(definition.local, { type: "definition", file, definition });
  localIndexes.set(file, index);
  return index;
}

/** Far more imports and aliases in a row than any real chain has. */
const MAX_DEPTH = 64;

/** Importing path -> specifier -> what it resolves to. */
export type ModuleCache = Map<string, Map<string, ModuleAnswer>>;

export class Resolver {
  // Keyed by file, then by name: no key strings are built on the hot path.
  private readonly exportCache = new Map<FileFacts, Map<string, { target: Target; visited: FileFacts[] }>>();
  /**
   * Specifier -> workspace path, per importing path. Depends only on which files exist, so the linker keeps one
   * across links until files come or go.
   */
  static moduleCache(): ModuleCache {
    return new Map();
  }
  /** Files read while resolving: a result stays valid while these files are unchanged. */
  private visited = new Set<FileFacts>();
  /** Imports and aliases followed by the resolution under way: a loop of them ends here instead of overflowing the stack. */
  private depth = 0;

  constructor(
    private readonly files: ReadonlyMap<string, FileFacts>,
    private readonly resolution: ModuleResolution,
    private readonly modules: ModuleCache = Resolver.moduleCache(),
  ) {}

  /** Runs `resolve` and returns, with its result, every file the resolution depended on. */
  tracked<T>(resolve: () => T): { result: T; visited: Set<FileFacts> } {
    const outer = this.visited;
    this.visited = new Set();
    try {
      return { result: resolve(), visited: this.visited };
    } finally {
      for (const file of this.visited) outer.add(file);
      this.visited = outer;
    }
  }

  /** The workspace file a specifier resolves to; undefined for packages and files the workspace does not have. */
  module(from: FileFacts, specifier: string): FileFacts | undefined {
    const answer = this.answer(from, specifier);
    return answer.type === "file" ? this.files.get(answer.path) : undefined;
  }

  /** Resolved once per importing file and specifier, until files come or go or a tsconfig/package.json changes. */
  private answer(from: FileFacts, specifier: string): ModuleAnswer {
    let cache = this.modules.get(from.file);
    if (!cache) this.modules.set(from.file, (cache = new Map()));
    let answer = cache.get(specifier);
    if (answer === undefined) cache.set(specifier, (answer = this.resolution.resolve(from.file, specifier)));
    return answer;
  }

  /** The target of an import that names no workspace file: outside (a package) or unresolved. */
  private notAFile(from: FileFacts, specifier: string): Target {
    const answer = this.answer(from, specifier);
    return answer.type === "unresolved"
      ? { type: "unresolved", specifier, importer: from, config: answer.config }
      : { type: "outside" };
  }

  /** What a name used in `file` (`orders`, or `ns.orders`) refers to. */
  ref(file: FileFacts, ref: BindingRef): Target {
    const target = this.local(file, ref.name);
    if (ref.member === undefined) return target;
    if (target.type === "namespace") return this.exported(target.file, ref.member, new Set());
    if (target.type === "outside" || target.type === "missing" || target.type === "unresolved") return target;
    // A member of a value (`KEYS.orders`): only running the code would tell what it holds.
    return { type: "dynamic", what: "a property read", file: "file" in target ? target.file : file };
  }

  local(file: FileFacts, name: string): Target {
    this.visited.add(file);
    const thing = localIndex(file).get(name);
    if (thing) return thing.type === "alias" ? this.follow(() => this.ref(file, thing.ref)) : thing;
    const imported = file.imports.find((i) => i.local === name);
    if (!imported) {
      return file.exports.some(([, local]) => local === name)
        ? { type: "other", file }
        : { type: "missing", reason: "is not defined or imported in this file" };
    }
    const target = this.module(file, imported.from);
    if (!target) return this.notAFile(file, imported.from);
    if (imported.imported === "*") return { type: "namespace", file: target };
    return this.follow(() => this.exported(target, imported.imported, new Set()));
  }

  private follow(resolve: () => Target): Target {
    if (this.depth >= MAX_DEPTH) return { type: "missing", reason: "is defined through a loop of imports or aliases" };
    this.depth++;
    try {
      return resolve();
    } finally {
      this.depth--;
    }
  }

  /** What `file` exports as `name`, following re-exports; `seen` stops `export *` loops. */
  exported(file: FileFacts, name: string, seen: Set<FileFacts>): Target {
    let cache = this.exportCache.get(file);
    if (!cache) this.exportCache.set(file, (cache = new Map()));
    const cached = cache.get(name);
    if (cached) {
      for (const visited of cached.visited) this.visited.add(visited);
      return cached.target;
    }
    if (seen.has(file)) return { type: "missing", reason: `is not exported by ${posix.basename(file.file)}` };
    seen.add(file);
    const { result, visited } = this.tracked(() => {
      this.visited.add(file);
      return this.findExport(file, name, seen);
    });
    cache.set(name, { target: result, visited: [...visited] });
    return result;
  }

  private findExport(file: FileFacts, name: string, seen: Set<FileFacts>): Target {
    const local = file.exports.find(([exported]) => exported === name);
    if (local) return this.local(file, local[1]);
    for (const reexport of file.reexports) {
      if (reexport.exported !== name) continue;
      const target = this.module(file, reexport.from);
      if (!target) return this.notAFile(file, reexport.from);
      return reexport.imported === "*"
        ? { type: "namespace", file: target }
        : this.exported(target, reexport.imported, seen);
    }
    /** An `export *` from a module TypeScript cannot find may be where the name was meant to come from. */
    let unresolvedStar: Target | undefined;
    for (const reexport of file.reexports) {
      if (reexport.exported !== "*") continue;
      const target = this.module(file, reexport.from);
      if (!target) {
        const other = this.notAFile(file, reexport.from);
        if (other.type === "unresolved") unresolvedStar ??= other;
        continue;
      }
      const found = this.exported(target, name, seen);
      if (found.type !== "missing") return found;
    }
    return unresolvedStar ?? { type: "missing", reason: `is not exported by ${posix.basename(file.file)}` };
  }
}
