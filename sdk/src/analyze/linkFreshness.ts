/**
 * Freshness policies as written (an asset's `freshness` option, `checks.freshness(...)`'s argument) read into the
 * graph's data, with the parser and cron reader `status` and the runtime use: a policy the editor accepts is one
 * they accept, and a bad one is reported at the column of the string the parser stopped at.
 */
import { cronProblem } from "../checks/cron";
import { parseDuration } from "../checks/duration";
import type { FreshnessPolicy } from "../protocol/checks";
import { DiagnosticCodes, type AnalyzerDiagnostic } from "./api";
import type { DynamicFact, FileFacts, FreshnessFact, StringFact } from "./facts";
import type { Span } from "./lineIndex";
import { diagnosticAt } from "./report";
import { unfollowable } from "./targetWords";

const FIX = 'Write string literals, as freshness: { maximumLag: "24h", cron: "0 6 * * *" }.';

/**
 * The policy `fact` (in `file`) describes; undefined, with its problems in `out`, when it is not one. `owner` starts
 * each message (`Asset "orders" (src/orders.ts)`).
 */
export function freshnessPolicy(
  file: FileFacts,
  fact: FreshnessFact,
  owner: string,
  out: AnalyzerDiagnostic[],
): FreshnessPolicy | undefined {
  const bad = (span: Span, message: string) =>
    out.push(diagnosticAt({ file, span }, DiagnosticCodes.invalidFreshness, "error", `${owner}: ${message}`));
  const unknown = (written: DynamicFact, what: string) =>
    out.push(
      diagnosticAt(
        { file, span: written.span },
        DiagnosticCodes.dynamicKey,
        "warning",
        `${owner}: ${what} \`${written.text}\` ${unfollowable(written.what)}, so its freshness is unknown. ${FIX}`,
      ),
    );
  if (fact.dynamic) return void unknown(fact.dynamic, "the freshness policy");
  let followed = true;
  const literal = (name: string, value: StringFact | DynamicFact | undefined): StringFact | undefined => {
    if (!value || "value" in value) return value;
    followed = false;
    unknown(value, `its \`${name}\``);
    return undefined;
  };
  const lag = literal("maximumLag", fact.maximumLag);
  const cron = literal("cron", fact.cron);
  const zone = literal("cronTimezone", fact.cronTimezone);
  if (!followed) return undefined;
  if (!lag) return void bad(fact.span, `a freshness policy needs \`maximumLag\`. ${FIX}`);
  const duration = parseDuration(lag.value);
  if ("problem" in duration) {
    // From where the parser stopped to the end of the string: the part to fix.
    const start = lag.span.start + duration.offset;
    return void bad({ start, end: Math.max(lag.span.end, start + 1) }, `maximumLag ${duration.problem}.`);
  }
  // The zone alone first: said on the zone's string, and a cron is then read in a zone that exists.
  const zoneProblem = zone && cronProblem("* * * * *", zone.value);
  if (zoneProblem) return void bad(zone.span, `cronTimezone ${zoneProblem}.`);
  const cronProblemText = cron && cronProblem(cron.value, zone?.value);
  if (cronProblemText) return void bad(cron.span, `cron ${cronProblemText}.`);
  return {
    maximumLag: lag.value,
    maximumLagMs: duration.ms,
    ...(cron && { cron: cron.value }),
    ...(zone && { cronTimezone: zone.value }),
  };
}
