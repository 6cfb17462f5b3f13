/**
 * Freshness policies as written (an asset's `freshness` option, `checks.freshness(...)`'s argument) read into the
 * graph's data, with the parser and cron reader `status` and the runtime use: a policy the editor accepts is one
 * they accept, and a bad one is reported at the column of the string the parser stopped at.
 */
import { cronProblem } from "../checks/cron";
import { parseDuration } from "../checks/duration";
import type { FreshnessPolicy } from "../protocol/checks";
import { DiagnosticCodes, type AnalyzerDiagnostic } from "./api";
import type { FileFacts, FreshnessFact, RefFact } from "./facts";
import { writtenKey } from "./linkFile";
import type { Resolver } from "./resolve";
import type { Span } from "./lineIndex";
import { diagnosticAt } from "./report";
import { unfollowable } from "./targetWords";

const FIX = 'Write string literals, as freshness: { maximumLag: "24h", cron: "0 6 * * *" }.';

/** A field's string, and where a problem in it is said: at its column when written in place, else on the name. */
interface Written {
  value: string;
  span: Span;
  inPlace: boolean;
}

/**
 * The policy `fact` (in `file`) describes; undefined, with its problems in `out`, when it is not one. `owner` starts
 * each message (`Asset "orders" (src/orders.ts)`). Strings held in top-level consts are followed, as keys are.
 */
export function freshnessPolicy(
  file: FileFacts,
  fact: FreshnessFact,
  owner: string,
  out: AnalyzerDiagnostic[],
  resolver: Resolver,
): FreshnessPolicy | undefined {
  const bad = (span: Span, message: string) =>
    out.push(diagnosticAt({ file, span }, DiagnosticCodes.invalidFreshness, "error", `${owner}: ${message}`));
  if (fact.dynamic) {
    const { span, text, what } = fact.dynamic;
    const message = `${owner}: its freshness policy \`${text}\` ${unfollowable(what)}, so its freshness is unknown. ${FIX}`;
    return void out.push(diagnosticAt({ file, span }, DiagnosticCodes.dynamicKey, "warning", message));
  }
  let followed = true;
  const read = (name: string, ref: RefFact | undefined): Written | undefined => {
    if (!ref) return undefined;
    const key = writtenKey(file, ref, resolver);
    if (key.type === "key") return { value: key.key, span: key.name.span, inPlace: ref.type === "key" };
    followed = false;
    const message = `${owner}: its \`${name}\` \`${key.written}\` ${key.reason}, so its freshness is unknown. ${key.code === DiagnosticCodes.unresolvedImport ? key.fix : FIX}`;
    out.push(
      diagnosticAt(key.site, key.code, key.code === DiagnosticCodes.unresolvedImport ? "error" : "warning", message),
    );
    return undefined;
  };
  const lag = read("maximumLag", fact.maximumLag);
  const cron = read("cron", fact.cron);
  const zone = read("cronTimezone", fact.cronTimezone);
  if (!followed) return undefined;
  if (!lag) return void bad(fact.span, `a freshness policy needs \`maximumLag\`. ${FIX}`);
  const duration = parseDuration(lag.value);
  if ("problem" in duration) {
    // From where the parser stopped to the end of the string: the part to fix.
    const start = lag.inPlace ? lag.span.start + duration.offset : lag.span.start;
    return void bad({ start, end: Math.max(lag.span.end, start + 1) }, `maximumLag ${duration.problem}.`);
  }
  // The zone alone first: said on the zone's string, and a cron is then read in a zone that exists.
  const zoneProblem = zone && cronProblem("* * * * *", zone.value);
  if (zoneProblem) return void bad(zone.span, `cronTimezone ${zoneProblem}.`);
  if (zone && !cron)
    return void bad(
      zone.span,
      `cronTimezone applies to a \`cron\` only: add a cron such as "0 6 * * *", or remove it.`,
    );
  const cronProblemText = cron && cronProblem(cron.value, zone?.value);
  if (cronProblemText) return void bad(cron.span, `cron ${cronProblemText}.`);
  return {
    maximumLag: lag.value,
    maximumLagMs: duration.ms,
    ...(cron && { cron: cron.value }),
    ...(zone && { cronTimezone: zone.value }),
  };
}
