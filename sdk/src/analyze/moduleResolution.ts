/**
 * Module resolution as the workspace's own TypeScript does it: each importing file's nearest tsconfig.json (with
 * `extends`, `baseUrl`, `paths`, `moduleResolution`, `.js` specifiers for `.ts` files), packages of the workspace
 * through their node_modules links and `exports`/`types`/`main`, and project references mapped from their output
 * back to their sources. It is TypeScript's resolver (`ts.resolveModuleName`, with one resolution cache per
 * tsconfig) over the analyzer's files (the editor's text) and the disk, without a program. The runner bundles
 * through the same resolution (run/loadWorkspace.ts), so the analyzer's graph and the runtime graph agree.
 */
import { readFileSync, realpathSync, statSync } from "node:fs";
import { posix } from "node:path";
import ts from "typescript";

export type ModuleAnswer =
  /** A source file of the workspace (absolute, forward slashes). */
  | { type: "file"; path: string }
  /** Something the workspace does not define as source: a package's declarations, a JavaScript file, a builtin. */
  | { type: "outside" }
  /**
   * TypeScript finds nothing for a specifier the workspace claims: a relative path, a `paths` alias, a `#` import, or
   * the name of one of its own packages (a package that is not installed is outside: not ours to judge).
   * `config` is the tsconfig.json it resolved with (undefined: TypeScript's defaults).
   */
  | { type: "unresolved"; config: string | undefined };

const OUTSIDE: ModuleAnswer = { type: "outside" };

/** Without a tsconfig.json: what a bundler (and the runner's esbuild) accepts, as TypeScript's `bundler` mode reads it. */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  noEmit: true,
};

interface Project {
  config: string | undefined;
  options: ts.CompilerOptions;
  cache: ts.ModuleResolutionCache;
  /** Each importing file's module format (node16/nodenext tell ESM from CommonJS imports by it). */
  modes: Map<string, ts.ResolutionMode>;
  /** Whether resolution depends on that format: node16/nodenext (set, or implied by `module`). */
  byFormat: boolean;
  /**
   * Mode -> folder -> specifier -> answer. What TypeScript answers depends on the importing folder, not the file, so
   * this answers most imports with three lookups (TypeScript's own cache normalizes paths on every hit).
   */
  answers: Map<ts.ResolutionMode, Map<string, Map<string, ModuleAnswer>>>;
}

const OUTPUT_EXTENSION = /(\.d)?\.(m|c)?(ts|js)$/;
const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts"];

export class ModuleResolution {
  private projects = new Map<string, Project>();
  private defaultProject: Project | undefined;
  /** Folder -> the tsconfig.json that governs its files (undefined: none up to the root). */
  private configOfFolder = new Map<string, string | undefined>();
  private stats = new Map<string, "file" | "folder" | undefined>();
  private realpaths = new Map<string, string>();
  /**
   * Referenced projects' output folders and the source folders they are built from. Their output need not be built:
   * as in a TypeScript program of project references, an output file exists when its source does.
   */
  private outputs: { outDir: string; rootDir: string }[] = [];
  /** The names in the package.json files that hold workspace sources; read when an import first resolves to nothing. */
  private packageNames: Set<string> | undefined;
  private readonly host: ts.ModuleResolutionHost & ts.ParseConfigHost;

  constructor(
    /** Workspace root, absolute, forward slashes. */
    private readonly root: string,
    /** The text of a workspace source file the analyzer holds; undefined when it holds none. */
    private readonly sourceText: (path: string) => string | undefined,
    /** Whether a path (under the root) is one the analyzer reads: for those, its files are the whole truth. */
    private readonly isSourcePath: (path: string) => boolean,
    /** Every source file the analyzer holds. */
    private readonly sourceFiles: () => Iterable<string>,
  ) {
    this.host = {
      useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
      getCurrentDirectory: () => root,
      fileExists: (path) =>
        this.isSourcePath(path)
          ? this.sourceText(path) !== undefined
          : this.stat(path) === "file" ||
            (this.outputs.length > 0 && this.sourceOfOutput(this.realOutput(path)) !== undefined),
      directoryExists: (path) =>
        this.stat(path) === "folder" || (this.outputs.length > 0 && this.isOutputFolder(this.realOutput(path))),
      readFile: (path) => this.sourceText(path) ?? readText(path),
      realpath: (path) => this.realpath(path),
      // Only compiler options and references are wanted from a tsconfig.json, never its file list.
      readDirectory: () => [],
    };
  }

  /** What `specifier`, imported in `from` (absolute, forward slashes), resolves to. */
  resolve(from: string, specifier: string): ModuleAnswer {
    const folder = posix.dirname(from);
    const project = this.projectOf(folder);
    const mode = this.modeOf(project, from);
    let byFolder = project.answers.get(mode);
    if (!byFolder) project.answers.set(mode, (byFolder = new Map()));
    let answers = byFolder.get(folder);
    if (!answers) byFolder.set(folder, (answers = new Map()));
    let answer = answers.get(specifier);
    if (!answer) answers.set(specifier, (answer = this.answer(project, from, specifier, mode)));
    return answer;
  }

  private modeOf(project: Project, file: string): ts.ResolutionMode {
    if (!project.byFormat) return undefined;
    let mode = project.modes.get(file);
    if (mode === undefined && !project.modes.has(file)) {
      mode = ts.getImpliedNodeFormatForFile(file, project.cache.getPackageJsonInfoCache(), this.host, project.options);
      project.modes.set(file, mode);
    }
    return mode;
  }

  private answer(project: Project, from: string, specifier: string, mode: ts.ResolutionMode): ModuleAnswer {
    const { resolvedModule } = ts.resolveModuleName(
      specifier,
      from,
      project.options,
      this.host,
      project.cache,
      undefined,
      mode,
    );
    if (!resolvedModule)
      return this.claims(project, specifier) ? { type: "unresolved", config: project.config } : OUTSIDE;
    const path = resolvedModule.resolvedFileName.split("\\").join("/");
    if (this.sourceText(path) !== undefined) return { type: "file", path };
    const source = this.sourceOfOutput(path);
    return source ? { type: "file", path: source } : OUTSIDE;
  }

  /** Files came or went: resolutions (failed ones too) are stale; what the disk holds outside the sources is not. */
  filesChanged(): void {
    for (const project of this.allProjects()) {
      project.cache.clear();
      project.answers.clear();
    }
    this.packageNames = undefined;
  }

  /** Whether the workspace answers for a specifier: one that resolves to nothing is then its mistake, not a package's. */
  private claims(project: Project, specifier: string): boolean {
    if (/^[./#]/.test(specifier)) return true;
    const aliases = Object.keys(project.options.paths ?? {});
    if (aliases.some((alias) => matchesAlias(alias, specifier))) return true;
    const name = specifier.split("/", specifier.startsWith("@") ? 2 : 1).join("/");
    this.packageNames ??= this.readPackageNames();
    return this.packageNames.has(name);
  }

  private readPackageNames(): Set<string> {
    const names = new Set<string>();
    const seen = new Set<string>();
    for (const file of this.sourceFiles()) {
      for (let folder = posix.dirname(file); folder.startsWith(this.root) && !seen.has(folder); ) {
        seen.add(folder);
        const manifest = `${folder}/package.json`;
        if (this.stat(manifest) === "file") {
          const name = packageName(readText(manifest));
          if (name) names.add(name);
        }
        if (folder === this.root) break;
        folder = posix.dirname(folder);
      }
    }
    return names;
  }

  /** A tsconfig.json or package.json changed: everything is read again. */
  configChanged(): void {
    this.projects.clear();
    this.defaultProject = undefined;
    this.configOfFolder.clear();
    this.stats.clear();
    this.realpaths.clear();
    this.outputs = [];
    this.packageNames = undefined;
  }

  private *allProjects(): Iterable<Project> {
    yield* this.projects.values();
    if (this.defaultProject) yield this.defaultProject;
  }

  private projectOf(folder: string): Project {
    const config = this.configOf(folder);
    if (config === undefined) return (this.defaultProject ??= this.makeProject(undefined, DEFAULT_OPTIONS));
    let project = this.projects.get(config);
    if (!project) {
      const parsed = this.parse(config);
      for (const reference of parsed.projectReferences ?? []) this.outputs.push(...this.outputsOf(reference.path));
      project = this.makeProject(config, parsed.options);
      this.projects.set(config, project);
    }
    return project;
  }

  private makeProject(config: string | undefined, options: ts.CompilerOptions): Project {
    const folder = config ? posix.dirname(config) : this.root;
    const canonical = (name: string) => (ts.sys.useCaseSensitiveFileNames ? name : name.toLowerCase());
    const cache = ts.createModuleResolutionCache(folder, canonical, options);
    const { moduleResolution: kind, module } = options;
    const byFormat =
      kind === undefined
        ? module !== undefined && module >= ts.ModuleKind.Node16 && module <= ts.ModuleKind.NodeNext
        : kind === ts.ModuleResolutionKind.Node16 || kind === ts.ModuleResolutionKind.NodeNext;
    return { config, options, cache, byFormat, modes: new Map(), answers: new Map() };
  }

  /** The nearest tsconfig.json from `folder` up to the workspace root, as tsserver finds a file's project. */
  private configOf(folder: string): string | undefined {
    if (this.configOfFolder.has(folder)) return this.configOfFolder.get(folder);
    const candidate = `${folder}/tsconfig.json`;
    const config =
      this.stat(candidate) === "file"
        ? candidate
        : folder.startsWith(`${this.root}/`)
          ? this.configOf(posix.dirname(folder))
          : undefined;
    this.configOfFolder.set(folder, config);
    return config;
  }

  private parse(config: string): ts.ParsedCommandLine {
    const json = ts.readConfigFile(config, this.host.readFile).config ?? {};
    // Errors (a tsconfig.json that does not parse, "no inputs") are the editor's TypeScript's to report.
    return ts.parseJsonConfigFileContent(json, this.host, posix.dirname(config), undefined, config);
  }

  /** A referenced project (a folder or its tsconfig file): where its output goes and which sources it is built from. */
  private outputsOf(reference: string): { outDir: string; rootDir: string }[] {
    const path = reference.split("\\").join("/");
    const config = this.stat(path) === "folder" ? `${path}/tsconfig.json` : path;
    if (this.stat(config) !== "file") return [];
    const { options } = this.parse(config);
    const rootDir = (options.rootDir ?? posix.dirname(config)).split("\\").join("/");
    return [options.outDir, options.declarationDir]
      .filter((dir): dir is string => dir !== undefined)
      .map((dir) => ({ outDir: dir.split("\\").join("/"), rootDir }));
  }

  /** A referenced project's built file (`dist/x.d.ts`, `dist/x.js`) -> the workspace source it is built from. */
  private sourceOfOutput(path: string): string | undefined {
    for (const { outDir, rootDir } of this.outputs) {
      if (!path.startsWith(`${outDir}/`)) continue;
      const stem = `${rootDir}/${path.slice(outDir.length + 1).replace(OUTPUT_EXTENSION, "")}`;
      const source = SOURCE_EXTENSIONS.map((extension) => stem + extension).find(
        (p) => this.sourceText(p) !== undefined,
      );
      if (source) return source;
    }
    return undefined;
  }

  /** A folder of a referenced project's (maybe unbuilt) output whose source folder exists. */
  private isOutputFolder(path: string): boolean {
    return this.outputs.some(
      ({ outDir, rootDir }) =>
        (path === outDir || path.startsWith(`${outDir}/`)) &&
        this.stat(rootDir + path.slice(outDir.length)) === "folder",
    );
  }

  /** The real path of a file that may not exist (an unbuilt output reached through a node_modules link). */
  private realOutput(path: string): string {
    let folder = posix.dirname(path);
    let rest = posix.basename(path);
    while (this.stat(folder) === undefined && posix.dirname(folder) !== folder) {
      rest = `${posix.basename(folder)}/${rest}`;
      folder = posix.dirname(folder);
    }
    return `${this.realpath(folder)}/${rest}`;
  }

  private stat(path: string): "file" | "folder" | undefined {
    if (this.stats.has(path)) return this.stats.get(path);
    let kind: "file" | "folder" | undefined;
    try {
      const stats = statSync(path);
      kind = stats.isFile() ? "file" : stats.isDirectory() ? "folder" : undefined;
    } catch {
      kind = undefined;
    }
    this.stats.set(path, kind);
    return kind;
  }

  private realpath(path: string): string {
    // A source the analyzer holds is its own real path: no system call on the hot path.
    if (this.isSourcePath(path) && this.sourceText(path) !== undefined) return path;
    let real = this.realpaths.get(path);
    if (real === undefined) {
      try {
        real = realpathSync(path).split("\\").join("/");
      } catch {
        // An unbuilt output (see `outputs`): the real path of its nearest existing folder, and the rest as written.
        real = this.stat(posix.dirname(path)) === undefined ? this.realOutput(path) : path;
      }
      this.realpaths.set(path, real);
    }
    return real;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** A `paths` key (`@/*`, `~lib`) matching a specifier, as TypeScript matches them: one `*` at most. */
function matchesAlias(alias: string, specifier: string): boolean {
  const star = alias.indexOf("*");
  if (star < 0) return alias === specifier;
  const prefix = alias.slice(0, star);
  const suffix = alias.slice(star + 1);
  return (
    specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)
  );
}

function packageName(json: string | undefined): string | undefined {
  try {
    const name = json === undefined ? undefined : (JSON.parse(json) as { name?: unknown }).name;
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}
