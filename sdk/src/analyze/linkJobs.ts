/** Jobs: their selections rendered to the string syntax, checked for syntax errors and for selecting nothing. */
import {
  keyTerms,
  parseSelection,
  SelectionNeedsFacts,
  selectAssets,
  type SelectionExpr,
  type SelectionGraph,
} from "../selection";
import { DiagnosticCodes } from "./api";
import { renderBuilder } from "./builderSelection";
import type { BindingRef, BuilderCall, FileFacts, JobFact } from "./facts";
import type { JobSite, KeySite, LinkContext } from "./sites";
import type { DefinitionsLink } from "./linkDefinitions";
import type { Site } from "./report";
import { keyOfDefinition } from "./linkFile";
import { cannotFollow, unfollowable, writtenName } from "./targetWords";
import type { Target } from "./resolve";
import { unresolvedImport, type UnresolvedTarget } from "./unresolvedImport";

export function linkJobs(
  { loadedFiles: files, resolver, report, nodes, edges, keySites }: LinkContext,
  definitions: DefinitionsLink,
): { jobs: JobSite[]; selectionStrings: (Site & { text: string })[] } {
  let graph: SelectionGraph | undefined;
  /** Whether the selection picks an asset; status:, job: and the like are known only at run time: assume so. */
  const selects = (expr: SelectionExpr) => {
    graph ??= { nodes: nodes().map((n) => n.node), edges };
    try {
      return selectAssets(expr, graph).size > 0;
    } catch (error) {
      if (error instanceof SelectionNeedsFacts) return true;
      throw error;
    }
  };
  const selectionStrings: (Site & { text: string })[] = [];
  const rendered = new Map<JobFact, string>();
  /** Selection strings already read: one const may hold the selection of several jobs. */
  const read = new Set<string>();

  for (const file of files) {
    for (const job of file.jobs) {
      const selection = job.selection;
      if (!selection) continue;
      const jobName = job.name?.value ?? job.local;
      const unfollowed = (site: Site, what: string) =>
        report.add(
          DiagnosticCodes.dynamicKey,
          "warning",
          site,
          `Job "${jobName}" (${file.path}): its selection ${what}, so the job's selection is unknown. ${SELECTION_FIX}`,
        );
      const unresolved = (site: Site, written: string, target: UnresolvedTarget) => {
        const { reason, fix } = unresolvedImport(target);
        const message = `Job "${jobName}" (${file.path}): its selection names \`${written}\`, which ${reason}, so the job's selection is unknown. ${fix}`;
        report.add(DiagnosticCodes.unresolvedImport, "error", site, message);
      };
      if (selection.type === "dynamic") {
        unfollowed({ file, span: selection.span }, `\`${selection.text}\` ${unfollowable(selection.what)}`);
        continue;
      }
      if (selection.type === "string" || selection.type === "handle") {
        const reference: Site = { file, span: selection.type === "string" ? selection.text.span : selection.ref.span };
        let text: Site & { value: string };
        if (selection.type === "string") text = { ...reference, value: selection.text.value };
        else {
          const target = resolver.ref(file, selection.ref);
          if (target.type === "unresolved") {
            unresolved(reference, writtenName(selection.ref), target);
            continue;
          }
          if (target.type !== "string") {
            unfollowed(reference, `\`${writtenName(selection.ref)}\` ${notAString(target, file)}`);
            continue;
          }
          text = { ...target.site, value: target.value };
        }
        const { value, span } = text;
        rendered.set(job, value);
        const at = `${text.file.file}:${span.start}`;
        const first = !read.has(at);
        read.add(at);
        if (first) {
          selectionStrings.push({ file: text.file, span, text: value });
          for (const term of keyTerms(value)) {
            if (!term.wildcard && term.key)
              keySites.push({
                file: text.file,
                span: { start: span.start + term.offset, end: span.start + term.offset + term.length },
                key: term.key,
                role: "selection",
                literal: true,
              });
          }
        }
        const parsed = parseSelection(value);
        if (!parsed.ok) {
          // Where the text is: once, however many jobs share it.
          const start = span.start + Math.min(parsed.error.offset, value.length);
          if (first)
            report.add(
              DiagnosticCodes.selectionSyntax,
              "error",
              { file: text.file, span: { start, end: start + Math.max(1, parsed.error.length) } },
              `Job "${jobName}": ${parsed.error.message}`,
            );
          continue;
        }
        if (!selects(parsed.expr))
          report.add(
            DiagnosticCodes.selectionEmpty,
            "warning",
            reference,
            `Job "${jobName}" selects no asset: "${value}" matches nothing. Check the keys, groups and tags it names.`,
          );
        continue;
      }
      let cannot: string | undefined;
      let notFound: { written: string; target: UnresolvedTarget } | undefined;
      const refKey = (ref: BindingRef): { key: string; via?: Site } | undefined => {
        const target = resolver.ref(file, ref);
        if (target.type === "definition") {
          const key = keyOfDefinition(target.file, target.definition, resolver);
          return key === undefined ? undefined : { key };
        }
        if (target.type === "string") return { key: target.value, via: target.site };
        if (target.type === "dynamic") cannot ??= `\`${writtenName(ref)}\` ${cannotFollow(target, file)}`;
        if (target.type === "unresolved") notFound ??= { written: writtenName(ref), target };
        return undefined;
      };
      builderKeySites(file, selection.chain, refKey, keySites);
      const result = renderBuilder(selection.chain, (ref) => refKey(ref)?.key);
      if ("problem" in result) {
        if (notFound) unresolved({ file, span: selection.span }, notFound.written, notFound.target);
        else if (cannot) unfollowed({ file, span: selection.span }, `names ${cannot}`);
        else
          report.add(
            DiagnosticCodes.selectionSyntax,
            "error",
            { file, span: selection.span },
            `Job "${jobName}": ${result.problem}`,
          );
        continue;
      }
      rendered.set(job, result.text);
      if (!selects(result.expr))
        report.add(
          DiagnosticCodes.selectionEmpty,
          "warning",
          { file, span: selection.span },
          `Job "${jobName}" selects no asset: ${result.text} matches nothing.`,
        );
    }
  }

  const listed =
    definitions.jobs ??
    files.flatMap((file) =>
      file.jobs.filter((job) => file.exports.some(([, local]) => local === job.local)).map((job) => ({ file, job })),
    );
  const jobs = listed.flatMap(({ file, job }) =>
    job.name
      ? [{ info: { name: job.name.value, selection: rendered.get(job) ?? "" }, location: { file, span: job.span } }]
      : [],
  );
  return { jobs, selectionStrings };
}

const SELECTION_FIX = "Use a string literal, an AssetSelection chain or a top-level const.";

/** Completes "`x` ..." for a name that holds no selection string the analyzer can read. */
function notAString(target: Target, from: FileFacts): string {
  if (target.type === "dynamic") return cannotFollow(target, from);
  if (target.type === "missing") return target.reason;
  if (target.type === "outside") return "is imported from a package, which the analyzer does not read";
  return "is not a selection string";
}

/** The keys `AssetSelection.keys(...)` names anywhere in a chain (nested builders too), as sites for completion, hover and rename. */
function builderKeySites(
  file: FileFacts,
  chain: BuilderCall[],
  keyOf: (ref: BindingRef) => { key: string; via?: Site } | undefined,
  keySites: KeySite[],
): void {
  for (const call of chain) {
    for (const arg of call.args) {
      if (arg.type === "builder") {
        builderKeySites(file, arg.chain, keyOf, keySites);
        continue;
      }
      if (call.method !== "keys") continue;
      if (arg.type === "literal" && typeof arg.value === "string" && arg.span)
        keySites.push({ file, span: arg.span, key: arg.value, role: "reference", literal: true });
      const found = arg.type === "handle" ? keyOf(arg.ref) : undefined;
      if (arg.type === "handle" && found) {
        keySites.push({ file, span: arg.ref.span, key: found.key, role: "reference", literal: false });
        if (found.via) keySites.push({ ...found.via, key: found.key, role: "reference", literal: true });
      }
    }
  }
}
