/**
 * One file's share of partitions: each definition's `partitionsDef` and `backfillPolicy`, the mappings on its
 * upstream references, its partition consts' own problems, and partition reads in unpartitioned functions. Problems
 * inside a value are reported where the value is written, once: a const on the const, an inline value on its asset.
 */
import type { BackfillPolicy, PartitionMappingData, PartitionsDefinitionData } from "../protocol/partitions";
import { DiagnosticCodes, type AnalyzerDiagnostic } from "./api";
import { MAPPING_CALLS } from "./extractPartitions";
import type { DefinitionFact, FileFacts, WrittenValue } from "./facts";
import { asDefinition, asMapping, evaluate, spanOf, type Accepted, type ValueProblem } from "./partitionsValue";
import { diagnosticAt, type Site } from "./report";
import type { Resolver } from "./resolve";

/** A value read for the graph: `unknown` when only running the code (or fixing it) would tell. */
export interface Read<T> {
  data?: T;
  unknown?: true;
}

/** How messages speak of one kind of value: where it sits, what is lost without it, how to write it. */
interface Role {
  where: string;
  lost: string;
  fix: string;
}

const DEFINITION_FIX =
  'Write the definition in place, like DailyPartitionsDefinition({ startDate: "2026-03-01" }), or name a top-level const that holds one.';
const MAPPING_FIX =
  "Write the mapping in place, like TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 }), or name a top-level const that holds one.";

export class FilePartitions {
  constructor(
    private readonly file: FileFacts,
    private readonly resolver: Resolver,
    private readonly report: (diagnostic: AnalyzerDiagnostic) => void,
    /** Records a site in another file whose spans a diagnostic holds. */
    private readonly hold: (site: Site) => Site,
  ) {}

  /** Each top-level partitions definition or mapping of the file, checked where it is written. */
  checkConsts(): void {
    for (const [local, value] of this.file.partitionValues) {
      const mapping = value.type === "call" && MAPPING_CALLS.includes(value.callee);
      const owner = `${mapping ? "Partition mapping" : "Partitions definition"} \`${local}\` (${this.file.path})`;
      const evaluated = evaluate(this.file, value, this.resolver, new Set([value]));
      if (evaluated.type === "unknown" && evaluated.problem)
        this.problem(evaluated.problem, owner, {
          where: "in it, ",
          lost: mapping
            ? "the edges that use it have an unknown mapping"
            : "the assets that use it have unknown partitions",
          fix: mapping ? MAPPING_FIX : DEFINITION_FIX,
        });
    }
  }

  /**
   * A `partitionsDef` as written in `file` (this one, or another's spec listed by name: `quiet`, since that file
   * reports it).
   */
  partitionsDef(
    written: WrittenValue | undefined,
    owner: string,
    file = this.file,
    quiet = false,
  ): Read<PartitionsDefinitionData> {
    if (!written) return {};
    const role = { where: "in its partitionsDef, ", lost: "its partitions are unknown", fix: DEFINITION_FIX };
    return this.read(written, owner, role, asDefinition, file, quiet);
  }

  /** The mapping written on an upstream reference, `upstream` as written. */
  mapping(written: WrittenValue, owner: string, upstream: string): Read<PartitionMappingData> {
    const role = {
      where: `in the partition mapping of \`${upstream}\`, `,
      lost: "that edge's mapping is unknown",
      fix: MAPPING_FIX,
    };
    return this.read(written, owner, role, asMapping, this.file, false);
  }

  /** `backfillPolicy`, which only a partitioned asset may have. */
  backfillPolicy(
    written: WrittenValue | undefined,
    owner: string,
    partitions: Read<PartitionsDefinitionData>,
  ): BackfillPolicy | undefined {
    if (!written) return undefined;
    const role = {
      where: "in its backfillPolicy, ",
      lost: "its backfill policy is unknown",
      fix: 'Write "single-run" or "multi-run", or name a top-level string const.',
    };
    const policy = this.read(written, owner, role, asPolicy, this.file, false);
    if (policy.data && !partitions.data && !partitions.unknown) {
      this.invalid(
        spanOf(written),
        `${owner}: \`backfillPolicy\` applies to partitioned assets only: add a \`partitionsDef\` or remove it.`,
      );
      return undefined;
    }
    return policy.data;
  }

  /** A multi-asset member whose spec names another definition than the one its members share. */
  memberMismatch(owner: string, member: string, site: Site): void {
    this.report(
      diagnosticAt(
        this.hold(site),
        DiagnosticCodes.memberPartitions,
        "error",
        `${owner}: the spec "${member}" has another \`partitionsDef\` than the multi-asset's: one function materializes every member, so they share one definition. Give the multi-asset one \`partitionsDef\` and remove the specs' own.`,
      ),
    );
  }

  /**
   * Partition reads the definition's partitions cannot answer, as the run's context would refuse them: any read
   * (unless guarded by `hasPartitionKey`) without partitions, `partitionTimeWindow` with static or dynamic ones.
   */
  contextReads(definition: DefinitionFact, owner: string, partitions: Read<PartitionsDefinitionData>): void {
    const { reads = [], guarded = false } = definition.contextReads ?? {};
    const type = partitions.data?.type;
    for (const read of reads) {
      let message: string | undefined;
      if (!partitions.data && !partitions.unknown && !guarded)
        message = `${owner} is not partitioned, but its function reads \`${read.name}\` from its context, which fails when it runs. Give the asset a \`partitionsDef\`, or read it only when \`ctx.hasPartitionKey\` is true.`;
      else if (read.name === "partitionTimeWindow" && (type === "static" || type === "dynamic"))
        message = `${owner} has ${type} partitions, which have no time window, but its function reads \`partitionTimeWindow\` from its context, which fails when it runs. Read \`partitionKey\`, or partition it by time (DailyPartitionsDefinition…).`;
      if (message)
        this.report(
          diagnosticAt({ file: this.file, span: read.span }, DiagnosticCodes.unpartitionedContext, "error", message),
        );
    }
  }

  private read<T>(
    written: WrittenValue,
    owner: string,
    role: Role,
    as: (value: unknown) => Accepted<T>,
    file: FileFacts,
    quiet: boolean,
  ): Read<T> {
    const evaluated = evaluate(file, written, this.resolver);
    if (evaluated.type === "unknown") {
      if (evaluated.problem && !quiet) this.problem(evaluated.problem, owner, role);
      return { unknown: true };
    }
    const accepted = as(evaluated.value);
    if ("data" in accepted) return accepted;
    if (!quiet) this.invalid(spanOf(written), `${owner}: ${accepted.refused}.`, file);
    return { unknown: true };
  }

  private problem(problem: ValueProblem, owner: string, role: Role): void {
    const site = this.hold({ file: problem.file, span: problem.span });
    if (problem.type === "invalid") {
      const code = problem.duplicate ? DiagnosticCodes.duplicatePartitionKey : DiagnosticCodes.invalidPartitions;
      this.report(diagnosticAt(site, code, "error", `${owner}: ${problem.message}`));
      return;
    }
    this.report(
      diagnosticAt(
        site,
        DiagnosticCodes.dynamicPartitions,
        "warning",
        `${owner}: ${role.where}\`${problem.written}\` ${problem.reason}, so ${role.lost}. ${role.fix}`,
      ),
    );
  }

  private invalid(span: Site["span"], message: string, file = this.file): void {
    this.report(diagnosticAt(this.hold({ file, span }), DiagnosticCodes.invalidPartitions, "error", message));
  }
}

function asPolicy(value: unknown): Accepted<BackfillPolicy> {
  return value === "single-run" || value === "multi-run"
    ? { data: value }
    : { refused: `\`backfillPolicy\` must be "single-run" or "multi-run" (got ${JSON.stringify(value)})` };
}
