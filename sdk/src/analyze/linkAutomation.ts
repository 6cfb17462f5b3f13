/**
 * Schedules and sensors as the runtime collects them (automation/repositoryAutomation.ts): each exported from a loaded
 * file and each the Definitions lists, named by `name` or export name, options checked with the SDK's own rules.
 */
import { cronFieldProblem } from "../automation/cronFields";
import { RUN_STATUS_NEEDS } from "../automation/sensor";
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
  const { loadedFiles, report } = context;
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
    const at = automationLink(fact, file, context, jobNames);
    if (!at) continue;
    const location = { file, span: fact.span };
    if (fact.call === "schedule") {
      const info = linkSchedule(at);
      if (info && unique(seen.schedule, at)) schedules.push({ info, location });
    } else {
      const info = linkSensor(at);
      if (info && unique(seen.sensor, at)) sensors.push({ info, location });
    }
  }
  return { schedules, sensors };

  function unique(names: Set<string>, { name, fact, file }: AutomationLink): boolean {
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

/** One schedule or sensor being linked, named; undefined (reported) when only running the code would name it. */
function automationLink(
  fact: AutomationFact,
  file: FileFacts,
  context: LinkContext,
  jobNames: readonly string[],
): AutomationLink | undefined {
  const { report, resolver } = context;
  const noun = fact.call === "schedule" ? "Schedule" : "Sensor";
  const at: AutomationLink = {
    fact,
    file,
    // Named by its binding until its name is read.
    name: fact.local,
    owner: `${noun} \`${fact.local}\` (${file.path})`,
    context,
    jobNames,
    known: true,
    warn(site, message) {
      at.known = false;
      report.add(DiagnosticCodes.dynamicAutomation, "warning", site, message);
    },
    fail(code, span, message) {
      at.known = false;
      report.add(DiagnosticCodes[code], "error", { file, span }, message);
    },
    read(ref, field) {
      const value = writtenKey(file, ref, resolver);
      if (value.type === "key") return { value: value.key, span: value.name.span, inPlace: ref.type === "key" };
      const unresolved = value.code === DiagnosticCodes.unresolvedImport;
      const message = `${at.owner}: its \`${field}\` \`${value.written}\` ${value.reason}, so it is not in the graph. ${unresolved ? value.fix : FIX}`;
      if (!unresolved) return void at.warn(value.site, message);
      at.known = false;
      report.add(value.code, "error", value.site, message);
      return undefined;
    },
  };
  const name = fact.name ? at.read(fact.name, "name")?.value : exportNameOf(file, fact);
  if (name === undefined) {
    if (at.known)
      at.warn({ file, span: fact.span }, `${at.owner}: it has no name: export it, or give it a \`name\` option.`);
    return undefined;
  }
  at.name = name;
  at.owner = `${noun} "${name}" (${file.path})`;
  return at;
}

function linkSchedule(at: AutomationLink): ScheduleSite["info"] | undefined {
  const { fact, owner, fail } = at;
  const target = linkTarget(at);
  const cron = fact.cron && at.read(fact.cron, "cron");
  const zone = fact.timezone && at.read(fact.timezone, "timezone");
  if (!fact.cron)
    fail("invalidAutomation", fact.optionsSpan, `${owner}: it needs a \`cron\` string such as "0 6 * * *".`);
  const bad = cron && cronFieldProblem(cron.value, zone?.value);
  if (bad)
    fail(
      "invalidAutomation",
      (bad.field === "cron" ? cron : zone)!.span,
      `${owner}: \`${bad.field}\`: ${bad.problem}.`,
    );
  if (!at.known || !cron || !target) return undefined;
  return {
    name: at.name,
    cron: cron.value,
    timezone: zone?.value ?? "UTC",
    target,
    ...(fact.partitions && { partitions: fact.partitions }),
    ...(fact.description !== undefined && { description: fact.description }),
  };
}

function linkSensor(at: AutomationLink): SensorSite["info"] | undefined {
  const { fact, owner, fail, context, file } = at;
  const target = linkTarget(at);
  const interval = fact.minimumInterval ? at.read(fact.minimumInterval, "minimumInterval") : undefined;
  const duration = parseDuration(interval?.value ?? DEFAULT_MINIMUM_INTERVAL);
  if ("problem" in duration && interval) {
    const start = interval.inPlace ? interval.span.start + duration.offset : interval.span.start;
    fail(
      "invalidAutomation",
      { start, end: Math.max(interval.span.end, start + 1) },
      `${owner}: \`minimumInterval\`: ${duration.problem}.`,
    );
  }
  const status = fact.status?.value;
  if (fact.call === "runStatusSensor" && status !== "success" && status !== "failure")
    fail(
      "invalidAutomation",
      fact.status?.span ?? fact.optionsSpan,
      `${owner}: \`status\` must be "success" or "failure"${status === undefined ? "" : ` (got "${status}")`}.`,
    );
  if (fact.call === "runStatusSensor" && !fact.hasFunction && !fact.job)
    fail("invalidAutomation", fact.optionsSpan, `${owner}: ${RUN_STATUS_NEEDS}`);
  const asset = fact.asset && context.refKey(file, fact.asset, `${owner}: its asset`);
  const monitoredJobs = fact.monitoredJobs?.map((ref) => jobName(ref, at));
  if (!at.known || "problem" in duration || (fact.call !== "runStatusSensor" && !target)) return undefined;
  if (fact.call === "assetSensor" && asset === undefined) return undefined;
  return {
    name: at.name,
    kind: fact.call === "sensor" ? "sensor" : fact.call === "assetSensor" ? "asset" : "runStatus",
    minimumInterval: interval?.value ?? DEFAULT_MINIMUM_INTERVAL,
    minimumIntervalMs: duration.ms,
    ...(target && { target }),
    ...(asset !== undefined && { asset }),
    ...((status === "success" || status === "failure") && { status }),
    ...(monitoredJobs && { monitoredJobs: monitoredJobs.filter((job): job is string => job !== undefined) }),
    // A `sensor` always runs its function (the runtime refuses one written without).
    hasFunction: fact.call === "sensor" || fact.hasFunction,
    ...(fact.description !== undefined && { description: fact.description }),
  };
}

/** One schedule or sensor being linked: where it is written, how messages name it, and how problems are said. */
interface AutomationLink {
  fact: AutomationFact;
  file: FileFacts;
  name: string;
  /** How messages start: `Schedule "nightly" (src/automation.ts)`. */
  owner: string;
  context: LinkContext;
  /** The jobs a job name may name. */
  jobNames: readonly string[];
  /** False once a problem was said: it is then left out of the graph, as the runtime would refuse it. */
  known: boolean;
  fail(code: "invalidAutomation" | "automationTarget", span: Span, message: string): void;
  warn(site: Site, message: string): void;
  /** A string option's value and where to point at it; undefined (reported) when it cannot be read. */
  read(ref: RefFact, field: string): { value: string; span: Span; inPlace: boolean } | undefined;
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
