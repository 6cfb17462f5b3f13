/**
 * Schedules and sensors as the runtime collects them (automation/repositoryAutomation.ts): each exported from a loaded
 * file and each the Definitions lists, named by `name` or export name, options checked with the SDK's own rules.
 */
import { cronFieldProblem } from "../automation/cronFields";
import { parseDuration } from "../checks/duration";
import {
  DEFAULT_MINIMUM_INTERVAL,
  type AutomationTarget,
  type ScheduleInfo,
  type SensorInfo,
} from "../protocol/automation";
import { parseSelection } from "../selection";
import { DiagnosticCodes } from "./api";
import { renderBuilder } from "./builderSelection";
import type { AutomationFact, FileFacts, RefFact } from "./facts";
import type { DefinitionsLink } from "./linkDefinitions";
import { exportNameOf, keyOfDefinition, writtenKey } from "./linkFile";
import type { Span } from "./lineIndex";
import { suggestKey, type Site } from "./report";
import type { LinkContext } from "./sites";
import { kindOf, unfollowable, writtenName } from "./targetWords";
import { unresolvedImport } from "./unresolvedImport";

export interface ScheduleSite {
  info: Omit<ScheduleInfo, "location">;
  location: Site;
}
export interface SensorSite {
  info: Omit<SensorInfo, "location">;
  location: Site;
}

const FIX = "Use string literals, top-level consts, and a job or selection the analyzer can read.";

export function linkAutomation(
  context: LinkContext,
  definitions: DefinitionsLink,
): { schedules: ScheduleSite[]; sensors: SensorSite[] } {
  const { loadedFiles, resolver, report } = context;
  const written = new Map<AutomationFact, FileFacts>();
  for (const file of loadedFiles)
    for (const fact of file.automation)
      if (file.exports.some(([, local]) => local === fact.local)) written.set(fact, file);
  for (const { file, fact } of definitions.automation ?? []) written.set(fact, file);
  // A job named by a string must be one the runtime has: the listed jobs, else the exported ones.
  const jobs =
    definitions.jobs ??
    loadedFiles.flatMap((file) =>
      file.jobs.filter((job) => file.exports.some(([, local]) => local === job.local)).map((job) => ({ job })),
    );
  const jobNames = jobs.flatMap(({ job }) => (job.name ? [job.name.value] : []));

  const schedules: ScheduleSite[] = [];
  const sensors: SensorSite[] = [];
  const seen = { schedule: new Set<string>(), sensor: new Set<string>() };
  for (const [fact, file] of written) {
    const noun = fact.call === "schedule" ? "schedule" : "sensor";
    let known = true;
    const warn = (site: Site, message: string) => {
      known = false;
      report.add(DiagnosticCodes.dynamicAutomation, "warning", site, message);
    };
    const fail = (code: "invalidAutomation" | "automationTarget", span: Span, message: string) => {
      known = false;
      report.add(DiagnosticCodes[code], "error", { file, span }, message);
    };
    const Noun = noun === "schedule" ? "Schedule" : "Sensor";
    // Messages name it by its binding until its name is read.
    let who = `${Noun} \`${fact.local}\` (${file.path})`;
    const name = fact.name ? read(fact.name, "name")?.value : exportNameOf(file, fact);
    const owner = `${Noun} "${name ?? fact.local}" (${file.path})`;
    who = owner;

    /** A string option's value and where to point at it; undefined (reported) when only the code would tell. */
    function read(ref: RefFact, field: string): { value: string; span: Span; inPlace: boolean } | undefined {
      const value = writtenKey(file, ref, resolver);
      if (value.type === "key") return { value: value.key, span: value.name.span, inPlace: ref.type === "key" };
      const message = `${who}: its \`${field}\` \`${value.written}\` ${value.reason}, so it is not in the graph. ${value.code === DiagnosticCodes.unresolvedImport ? value.fix : FIX}`;
      if (value.code === DiagnosticCodes.unresolvedImport) {
        known = false;
        report.add(value.code, "error", value.site, message);
      } else warn(value.site, message);
      return undefined;
    }
    if (name === undefined) {
      if (known) warn({ file, span: fact.span }, `${owner}: it has no name: export it, or give it a \`name\` option.`);
      continue;
    }

    const at: AutomationLink = { fact, file, owner, context, jobNames, fail, warn };
    const target = linkTarget(at);
    if (fact.call === "schedule") {
      const cron = fact.cron && read(fact.cron, "cron");
      const zone = fact.timezone && read(fact.timezone, "timezone");
      if (!fact.cron)
        fail("invalidAutomation", fact.optionsSpan, `${owner}: it needs a \`cron\` string such as "0 6 * * *".`);
      const bad = cron && cronFieldProblem(cron.value, zone?.value);
      if (bad)
        fail(
          "invalidAutomation",
          (bad.field === "cron" ? cron : zone)!.span,
          `${owner}: \`${bad.field}\`: ${bad.problem}.`,
        );
      if (!known || !cron || !target) continue;
      if (!unique(seen.schedule, name, fact, file)) continue;
      schedules.push({
        info: {
          name,
          cron: cron.value,
          timezone: zone?.value ?? "UTC",
          target,
          ...(fact.partitions && { partitions: fact.partitions }),
          ...(fact.description !== undefined && { description: fact.description }),
        },
        location: { file, span: fact.span },
      });
      continue;
    }
    const interval = fact.minimumInterval ? read(fact.minimumInterval, "minimumInterval") : undefined;
    const duration = parseDuration(interval?.value ?? DEFAULT_MINIMUM_INTERVAL);
    if ("problem" in duration && interval) {
      const start = interval.inPlace ? interval.span.start + duration.offset : interval.span.start;
      fail(
        "invalidAutomation",
        { start, end: Math.max(interval.span.end, start + 1) },
        `${owner}: \`minimumInterval\`: ${duration.problem}.`,
      );
    }
    const asset = fact.asset && context.refKey(file, fact.asset, `${owner}: its asset`);
    const monitoredJobs = fact.monitoredJobs?.map((ref) => jobName(ref, at));
    if (!known || "problem" in duration || (fact.call !== "runStatusSensor" && !target)) continue;
    if (fact.call === "assetSensor" && asset === undefined) continue;
    if (!unique(seen.sensor, name, fact, file)) continue;
    const status = fact.status?.value;
    sensors.push({
      info: {
        name,
        kind: fact.call === "sensor" ? "sensor" : fact.call === "assetSensor" ? "asset" : "runStatus",
        minimumInterval: interval?.value ?? DEFAULT_MINIMUM_INTERVAL,
        minimumIntervalMs: duration.ms,
        ...(target && { target }),
        ...(asset !== undefined && { asset }),
        ...((status === "success" || status === "failure") && { status }),
        ...(monitoredJobs && { monitoredJobs: monitoredJobs.filter((job): job is string => job !== undefined) }),
        ...(fact.description !== undefined && { description: fact.description }),
      },
      location: { file, span: fact.span },
    });
  }
  return { schedules, sensors };

  function unique(names: Set<string>, name: string, fact: AutomationFact, file: FileFacts): boolean {
    if (!names.has(name)) return (names.add(name), true);
    report.add(
      DiagnosticCodes.automationTarget,
      "error",
      { file, span: fact.span },
      `Two ${fact.call === "schedule" ? "schedules" : "sensors"} are named "${name}": give one a different \`name\` option.`,
    );
    return false;
  }
}

/** One schedule or sensor being linked: where it is written, how messages name it, and how problems are said. */
interface AutomationLink {
  fact: AutomationFact;
  file: FileFacts;
  owner: string;
  context: LinkContext;
  /** The jobs a job name may name. */
  jobNames: readonly string[];
  fail(code: "invalidAutomation" | "automationTarget", span: Span, message: string): void;
  warn(site: Site, message: string): void;
}

/** What the schedule or sensor runs: exactly one of `job` and `selection` (a run-status sensor may name none). */
function linkTarget(at: AutomationLink): AutomationTarget | undefined {
  const { fact, file, owner, context, fail, warn } = at;
  if (fact.job && fact.selection)
    return void fail("automationTarget", fact.optionsSpan, `${owner}: give either \`job\` or \`selection\`, not both.`);
  if (fact.job) {
    const job = jobName(fact.job, at);
    return job === undefined ? undefined : { job };
  }
  if (!fact.selection) {
    if (fact.call !== "runStatusSensor")
      fail(
        "automationTarget",
        fact.optionsSpan,
        `${owner}: say what it runs: \`job: someJob\` or \`selection: "group:gold"\`.`,
      );
    return undefined;
  }
  const selection = fact.selection;
  if (selection.type === "dynamic")
    return void warn(
      { file, span: selection.span },
      `${owner}: its selection \`${selection.text}\` ${unfollowable(selection.what)}, so it is not in the graph. ${FIX}`,
    );
  if (selection.type === "builder") {
    const result = renderBuilder(selection.chain, (ref) => {
      const target = context.resolver.ref(file, ref);
      if (target.type === "definition") return keyOfDefinition(target.file, target.definition, context.resolver);
      return target.type === "string" ? target.value : undefined;
    });
    if ("problem" in result) return void fail("automationTarget", selection.span, `${owner}: ${result.problem}`);
    return { selection: result.text };
  }
  const text = writtenKey(
    file,
    selection.type === "string" ? { type: "key", key: selection.text } : selection,
    context.resolver,
  );
  if (text.type === "unfollowed")
    return void warn(
      text.site,
      `${owner}: its selection \`${text.written}\` ${text.reason}, so it is not in the graph. ${FIX}`,
    );
  const parsed = parseSelection(text.key);
  if (!parsed.ok) {
    const inPlace = selection.type === "string";
    const start = text.name.span.start + (inPlace ? Math.min(parsed.error.offset, text.key.length) : 0);
    return void fail(
      "automationTarget",
      { start, end: start + Math.max(1, inPlace ? parsed.error.length : 1) },
      `${owner}: ${parsed.error.message}`,
    );
  }
  return { selection: text.key };
}

/** A job named by its handle or its name string; undefined (reported) when it names none. */
function jobName(ref: RefFact, { file, owner, context, jobNames, fail, warn }: AutomationLink): string | undefined {
  const unknown = (span: Span, written: string, why: string) => {
    const suggestion = suggestKey(written, jobNames);
    fail(
      "automationTarget",
      span,
      `${owner}: \`${written}\` ${why}.${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
    );
  };
  if (ref.type === "dynamic")
    return void warn(
      { file, span: ref.span },
      `${owner}: its job \`${ref.text}\` ${unfollowable(ref.what)}, so it is not in the graph. ${FIX}`,
    );
  if (ref.type === "key") {
    if (jobNames.includes(ref.key.value)) return ref.key.value;
    return void unknown(ref.key.span, ref.key.value, "is no job of the workspace");
  }
  const target = context.resolver.ref(file, ref.ref);
  if (target.type === "job") {
    if (target.job.name) return target.job.name.value;
    return void warn(
      { file, span: ref.ref.span },
      `${owner}: its job \`${writtenName(ref.ref)}\` has no name the analyzer can read. ${FIX}`,
    );
  }
  if (target.type === "unresolved") {
    const { reason, fix } = unresolvedImport(target);
    return void context.report.add(
      DiagnosticCodes.unresolvedImport,
      "error",
      { file, span: ref.ref.span },
      `${owner}: its job \`${writtenName(ref.ref)}\` ${reason}. ${fix}`,
    );
  }
  if (target.type === "dynamic" || target.type === "outside")
    return void warn(
      { file, span: ref.ref.span },
      `${owner}: its job \`${writtenName(ref.ref)}\` cannot be followed, so it is not in the graph. ${FIX}`,
    );
  const why = target.type === "missing" ? target.reason : `is ${kindOf(target)}, not a job`;
  return void unknown(ref.ref.span, writtenName(ref.ref), why);
}
