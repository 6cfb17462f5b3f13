/** Jobs: their selections rendered to the string syntax, checked for syntax errors and for selecting nothing. */
import { keyTerms, parseSelection, selectAssets, type SelectionExpr, type SelectionGraph } from "../selection";
import { DiagnosticCodes } from "./api";
import { renderBuilder } from "./builderSelection";
import type { BindingRef, BuilderCall, DefinitionFact, FileFacts, JobFact } from "./facts";
import type { EdgeSite, JobSite, KeySite, NodeSite } from "./link";
import type { DefinitionsLink } from "./linkDefinitions";
import type { Reporter, Site } from "./report";
import type { Resolver } from "./resolve";

export function linkJobs(
  files: readonly FileFacts[],
  definitions: DefinitionsLink,
  resolver: Resolver,
  report: Reporter,
  nodes: () => readonly NodeSite[],
  edges: readonly EdgeSite[],
  keyOf: (file: FileFacts, definition: DefinitionFact) => string | undefined,
  keySites: KeySite[],
): { jobs: JobSite[]; selectionStrings: (Site & { text: string })[] } {
  let graph: SelectionGraph | undefined;
  const selects = (expr: SelectionExpr) => {
    graph ??= { nodes: nodes().map((n) => n.node), edges };
    return selectAssets(expr, graph).size > 0;
  };
  const selectionStrings: (Site & { text: string })[] = [];
  const rendered = new Map<JobFact, string>();

  for (const file of files) {
    for (const job of file.jobs) {
      const selection = job.selection;
      if (!selection || selection.type === "dynamic") continue;
      const jobName = job.name?.value ?? job.local;
      if (selection.type === "string") {
        const { value, span } = selection.text;
        rendered.set(job, value);
        selectionStrings.push({ file, span, text: value });
        for (const term of keyTerms(value)) {
          if (!term.wildcard && term.key) keySites.push({ file, span: { start: span.start + term.offset, end: span.start + term.offset + term.length }, key: term.key, role: "selection", literal: true });
        }
        const parsed = parseSelection(value);
        if (!parsed.ok) {
          const start = span.start + Math.min(parsed.error.offset, value.length);
          report.add(DiagnosticCodes.selectionSyntax, "error", { file, span: { start, end: start + Math.max(1, parsed.error.length) } }, `Job "${jobName}": ${parsed.error.message}`);
          continue;
        }
        if (!selects(parsed.expr)) report.add(DiagnosticCodes.selectionEmpty, "warning", { file, span }, `Job "${jobName}" selects no asset: "${value}" matches nothing. Check the keys, groups and tags it names.`);
        continue;
      }
      const refKey = (ref: BindingRef) => {
        const target = resolver.ref(file, ref);
        return target.type === "definition" ? keyOf(target.file, target.definition) : target.type === "string" ? target.value : undefined;
      };
      builderKeySites(file, selection.chain, refKey, keySites);
      const result = renderBuilder(selection.chain, refKey);
      if ("problem" in result) {
        report.add(DiagnosticCodes.selectionSyntax, "error", { file, span: selection.span }, `Job "${jobName}": ${result.problem}`);
        continue;
      }
      rendered.set(job, result.text);
      if (!selects(result.expr)) report.add(DiagnosticCodes.selectionEmpty, "warning", { file, span: selection.span }, `Job "${jobName}" selects no asset: ${result.text} matches nothing.`);
    }
  }

  const listed = definitions.jobs ?? files.flatMap((file) => file.jobs.filter((job) => file.exports.some(([, local]) => local === job.local)).map((job) => ({ file, job })));
  const jobs = listed.flatMap(({ file, job }) =>
    job.name ? [{ info: { name: job.name.value, selection: rendered.get(job) ?? "" }, location: { file, span: job.span } }] : [],
  );
  return { jobs, selectionStrings };
}

/** The keys `AssetSelection.keys(...)` names anywhere in a chain (nested builders too), as sites for completion, hover and rename. */
function builderKeySites(file: FileFacts, chain: BuilderCall[], keyOf: (ref: BindingRef) => string | undefined, keySites: KeySite[]): void {
  for (const call of chain) {
    for (const arg of call.args) {
      if (arg.type === "builder") {
        builderKeySites(file, arg.chain, keyOf, keySites);
        continue;
      }
      if (call.method !== "keys") continue;
      if (arg.type === "literal" && typeof arg.value === "string" && arg.span) keySites.push({ file, span: arg.span, key: arg.value, role: "reference", literal: true });
      const key = arg.type === "handle" ? keyOf(arg.ref) : undefined;
      if (arg.type === "handle" && key !== undefined) keySites.push({ file, span: arg.ref.span, key, role: "reference", literal: false });
    }
  }
}
