/**
 * The checks of a loaded workspace (run time): every check exported from a loaded module, every one the Definitions
 * list (the same handle exported and listed is one check), every inline check of a chosen asset. Names and assets are
 * resolved here, as asset keys are from export names, into the graph's `checks` and the definitions the runner runs.
 */
import { refKey, upstreamKey, type AssetRef, type DefinitionInfo } from "../define/definition";
import { checkKey, splitCheckKey, type AssetCheckNode } from "../protocol/checks";
import { checkInfoOf, type CheckDefinitionInfo, type CheckHandle, type CheckSpecInfo } from "./definition";

/** One check definition as the runner runs it. */
export interface RepositoryCheck {
  /** The definition with each spec's `name` and `asset` (as a key) filled in, and `ins` as keys. */
  info: CheckDefinitionInfo;
  /** Its checks' keys (`asset:name`) in spec order: one, or a `multiAssetCheck`'s several. */
  keys: string[];
  /** The assets its function reads (`ins`, else its specs' assets), sorted: the graph's `additionalAssets` and more. */
  reads: string[];
}

/** A spec once the repository named it and keyed its asset. */
type ResolvedSpec = CheckSpecInfo & { name: string; asset: string };

export interface WorkspaceChecks {
  /** Each exported check with the export name that names it. */
  exported: ReadonlyMap<CheckHandle, string>;
  /** `Definitions({ checks })`, empty without Definitions. */
  listed: readonly CheckHandle[];
  /** The chosen definitions, each with its export name when it has one (an inline check's `definedBy`). */
  definitions: readonly DefinitionInfo[];
  definitionNames: ReadonlyMap<DefinitionInfo, string>;
  /** The graph's assets: a check about (or reading) any other key is an error. */
  byKey: ReadonlyMap<string, DefinitionInfo>;
}

export function collectChecks(workspace: WorkspaceChecks): { nodes: AssetCheckNode[]; checks: RepositoryCheck[] } {
  const nodes: AssetCheckNode[] = [];
  const checks: RepositoryCheck[] = [];
  const definedBy = new Map<string, string | undefined>();
  const add = (info: CheckDefinitionInfo, specs: ResolvedSpec[], by: string | undefined) => {
    const ins = info.ins && resolveIns(info.ins, specs[0]!, workspace.byKey);
    const resolved: CheckDefinitionInfo = { ...info, specs, ...(ins && { ins }) };
    const keys = specs.map((spec) => checkKey(spec.asset, spec.name));
    const reads = [...new Set(Object.values(ins ?? specAssets(specs)))].sort();
    for (const [index, spec] of specs.entries()) {
      const key = keys[index]!;
      if (definedBy.has(key)) throw new Error(duplicateMessage(key, definedBy.get(key), by));
      definedBy.set(key, by);
      const additional = reads.filter((asset) => asset !== spec.asset);
      nodes.push({
        key,
        name: spec.name,
        asset: spec.asset,
        blocking: spec.blocking,
        ...(spec.description !== undefined && { description: spec.description }),
        ...(additional.length > 0 && { additionalAssets: additional }),
        form: info.form,
        ...(by !== undefined && { definedBy: by }),
      });
    }
    checks.push({ info: resolved, keys, reads });
  };

  const listedAt = new Map(workspace.listed.map((handle, index) => [handle, index]));
  for (const handle of new Set([...workspace.exported.keys(), ...workspace.listed])) {
    const info = checkInfoOf(handle);
    const name = workspace.exported.get(handle);
    const where =
      name === undefined
        ? `The check at \`checks[${listedAt.get(handle)}]\` of the Definitions`
        : `The check "${name}"`;
    if (info.form === "inline") {
      // An exported inline check is counted where an asset lists it; the Definitions cannot attach it to anything.
      if (listedAt.has(handle))
        throw new Error(`${where} names no \`asset\`: give it one, or move it into its asset's \`checks: [...]\`.`);
      continue;
    }
    const specs = info.specs.map((spec): ResolvedSpec => {
      const checkName = spec.name ?? name;
      if (checkName === undefined)
        throw new Error(
          `${where} has no name: export it from a module the workspace loads, or give it a \`name\` option.`,
        );
      return {
        ...spec,
        name: checkName,
        asset: assetOf(spec.asset!, checkName === name ? where : `${where} (${checkName})`, workspace.byKey),
      };
    });
    add(info, specs, name);
  }
  for (const asset of workspace.definitions) {
    const assetKey = asset.assets[0]!.key!;
    asset.checks?.forEach((handle, index) => {
      const info = checkInfoOf(handle);
      const name = info.specs[0]!.name ?? workspace.exported.get(handle);
      if (name === undefined)
        throw new Error(`asset "${assetKey}": \`checks[${index}]\` has no name: give it a \`name\` option.`);
      add(info, [{ ...info.specs[0]!, name, asset: assetKey }], workspace.definitionNames.get(asset));
    });
  }
  return { nodes, checks };
}

/** The key of a check's asset, which must be one of the graph's. */
function assetOf(ref: AssetRef, where: string, byKey: ReadonlyMap<string, DefinitionInfo>): string {
  const key = typeof ref === "string" ? ref : refKey(ref);
  if (!byKey.has(key))
    throw new Error(
      `${where} is about "${key}", which is no asset of the workspace: name an asset the Definitions include.`,
    );
  return key;
}

function resolveIns(
  ins: Record<string, AssetRef>,
  spec: ResolvedSpec,
  byKey: ReadonlyMap<string, DefinitionInfo>,
): Record<string, string> {
  const label = `check "${checkKey(spec.asset, spec.name)}"`;
  const resolved: Record<string, string> = {};
  for (const [name, ref] of Object.entries(ins)) {
    const key = upstreamKey(ref, label);
    if (!byKey.has(key))
      throw new Error(
        `${label} reads \`ins.${name}\` "${key}", which is no asset of the workspace: name one the Definitions include.`,
      );
    resolved[name] = key;
  }
  return resolved;
}

/** A `multiAssetCheck` without `ins` reads each spec's asset. */
function specAssets(specs: readonly ResolvedSpec[]): Record<string, string> {
  return Object.fromEntries(specs.map((spec) => [spec.asset, spec.asset]));
}

function duplicateMessage(key: string, first: string | undefined, second: string | undefined): string {
  const { asset, name } = splitCheckKey(key);
  const by =
    first !== undefined && second !== undefined && first !== second ? ` (defined by "${first}" and "${second}")` : "";
  return `Two checks are named "${name}" on asset "${asset}"${by}: give one a different \`name\` option.`;
}
