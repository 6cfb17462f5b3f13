/**
 * The analyzer's automation diagnostics: a cron, time zone or interval the SDK refuses at its column (AL1028), a
 * target naming no job or a selection that does not parse (AL1029), and what only running the code would tell (AL1030).
 */
import { describe, expect, it } from "vitest";
import { analyzeFiles, type ExpectedDiagnostic } from "./workspace";

const sdk = `import { asset, AutomationCondition, Definitions, assetSensor, defineAssetJob, runStatusSensor, schedule, sensor } from "assetline";\n`;
const assets = `${sdk}export const orders = asset(() => []);\nexport const gold = defineAssetJob({ name: "gold_job", selection: "key:orders" });\n`;

interface DiagnosticCase {
  name: string;
  files: Record<string, string>;
  diagnostics: ExpectedDiagnostic[];
  /** The schedules and sensors that stay in the graph. */
  names?: string[];
}

const cases: DiagnosticCase[] = [
  {
    name: "AL1028: a bad cron or zone in a condition, at the string; a .without that matches nothing, at the method",
    files: {
      "src/assets.ts": `${assets}const ZONE = "Europe/Lisbn";
export const a = asset({ automationCondition: AutomationCondition.onCron("0 25 * * *") }, () => 1);
export const b = asset({ automationCondition: AutomationCondition.cronTickPassed("0 6 * * *", ZONE) }, () => 1);
export const c = asset({ automationCondition: AutomationCondition.onMissing().without(AutomationCondition.missing()) }, () => 1);
export const d = asset({ automationCondition: AutomationCondition.inLatestTimeWindow("1d 6x") }, () => 1);`,
    },
    diagnostics: [
      {
        code: "AL1028",
        severity: "error",
        at: ["src/assets.ts", "0 25"],
        message:
          'Asset "a" (src/assets.ts): onCron\'s cron "0 25 * * *" is not a cron expression (Invalid value for hour: 25): write five fields, as "0 6 * * *" (06:00 every day).',
      },
      {
        code: "AL1028",
        severity: "error",
        at: ["src/assets.ts", "ZONE)"],
        message:
          'Asset "b" (src/assets.ts): cronTickPassed\'s timezone "Europe/Lisbn" is not an IANA time zone: write one like "Europe/Paris" or "UTC".',
      },
      {
        code: "AL1028",
        severity: "error",
        at: ["src/assets.ts", "without"],
        message:
          'Asset "c" (src/assets.ts): AutomationCondition.without: no operand equals {"type":"missing"}; the operands are inLatestTimeWindow, since, not..',
      },
      {
        code: "AL1028",
        severity: "error",
        at: ["src/assets.ts", "6x"],
        message:
          'Asset "d" (src/assets.ts): inLatestTimeWindow\'s lookback "1d 6x" is not a duration at "6x": write whole numbers with a unit (ms, s, m, h, d, w), as "24h" or "1d 6h".',
      },
    ],
  },
  {
    name: "AL1028: a schedule's cron or zone and a sensor's interval, at their column",
    files: {
      "src/assets.ts": assets,
      "src/automation.ts": `${sdk}import { gold } from "./assets";
export const nightly = schedule({ job: gold, cron: "0 6 * *" });
export const zoned = schedule({ job: gold, cron: "0 6 * * *", timezone: "Mars/Base" });
export const files = sensor({ selection: "*", minimumInterval: "30s 5y" }, () => undefined);
export const badStatus = runStatusSensor({ status: "done" }, () => undefined);
export const idle = runStatusSensor({ status: "failure" });
export const fine = schedule({ job: gold, cron: "0 6 * * *" });`,
    },
    diagnostics: [
      {
        code: "AL1028",
        severity: "error",
        at: ["src/automation.ts", "0 6 * *"],
        message:
          'Schedule "nightly" (src/automation.ts): `cron`: "0 6 * *" is not a cron expression (invalid configuration format (\'0 6 * *\'), exactly five, six, or seven space separated parts are required.): write five fields, as "0 6 * * *" (06:00 every day).',
      },
      {
        code: "AL1028",
        severity: "error",
        at: ["src/automation.ts", "Mars"],
        message:
          'Schedule "zoned" (src/automation.ts): `timezone`: "Mars/Base" is not an IANA time zone: write one like "Europe/Paris" or "UTC".',
      },
      {
        code: "AL1028",
        severity: "error",
        at: ["src/automation.ts", "5y"],
        message:
          'Sensor "files" (src/automation.ts): `minimumInterval`: "30s 5y" is not a duration at "5y": write whole numbers with a unit (ms, s, m, h, d, w), as "24h" or "1d 6h".',
      },
      {
        code: "AL1028",
        severity: "error",
        at: ["src/automation.ts", '"done"', 1],
        message: 'Sensor "badStatus" (src/automation.ts): `status` must be "success" or "failure" (got "done").',
      },
      {
        code: "AL1028",
        severity: "error",
        at: ["src/automation.ts", '{ status: "failure" })'],
        message: 'Sensor "idle" (src/automation.ts): without a function it needs a `job` to run for each finished run.',
      },
    ],
    names: ["fine"],
  },
  {
    name: "AL1029: a job name no job has (did-you-mean), a handle that is no job, a selection that does not parse, both or neither",
    files: {
      "src/assets.ts": assets,
      "src/automation.ts": `${sdk}import { gold, orders } from "./assets";
export const typo = schedule({ job: "gold_jobb", cron: "0 6 * * *" });
export const notAJob = assetSensor({ asset: orders, job: orders });
export const badSelection = sensor({ selection: "key:orders and" }, () => undefined);
export const both = schedule({ job: gold, selection: "*", cron: "0 6 * * *" });
export const neither = sensor({ name: "neither" }, () => undefined);
export const onFailure = runStatusSensor({ status: "failure" }, () => undefined);`,
    },
    diagnostics: [
      {
        code: "AL1029",
        severity: "error",
        at: ["src/automation.ts", "gold_jobb"],
        message:
          'Schedule "typo" (src/automation.ts): `gold_jobb` is no job of the workspace. Did you mean "gold_job"?',
      },
      {
        code: "AL1029",
        severity: "error",
        at: ["src/automation.ts", "job: orders", 5],
        message: 'Sensor "notAJob" (src/automation.ts): `orders` is an asset, not a job.',
      },
      {
        code: "AL1029",
        severity: "error",
        at: ["src/automation.ts", 'key:orders and"', 14],
        message: 'Sensor "badSelection" (src/automation.ts): expected a selection after "and" at column 15',
      },
      {
        code: "AL1029",
        severity: "error",
        at: ["src/automation.ts", "{ job: gold, selection"],
        message: 'Schedule "both" (src/automation.ts): give either `job` or `selection`, not both.',
      },
      {
        code: "AL1029",
        severity: "error",
        at: ["src/automation.ts", '{ name: "neither" }'],
        message: 'Sensor "neither" (src/automation.ts): say what it runs: `job: someJob` or `selection: "group:gold"`.',
      },
    ],
    // A run-status sensor may request nothing.
    names: ["onFailure"],
  },
  {
    name: "AL1030: a condition, cron or target only running the code would tell",
    files: {
      "src/assets.ts": `${assets}const make = () => AutomationCondition.eager();
let cron = "0 6 * * *";
export const a = asset({ automationCondition: make() }, () => 1);
export const b = asset({ automationCondition: AutomationCondition.onCron(cron) }, () => 1);
export const c = asset({ automationCondition: AutomationCondition.eager().replace(AutomationCondition.missing()) }, () => 1);
export const nightly = schedule({ cron, selection: "*" });
export const files = sensor({ selection: \`key:\${"orders"}\` }, () => undefined);`,
    },
    diagnostics: [
      {
        code: "AL1030",
        severity: "warning",
        at: ["src/assets.ts", "make()"],
        message:
          'Asset "a" (src/assets.ts): its automation condition `make()` is a function call, which the analyzer cannot follow, so it has no automation condition the editor can show. Write it as an AutomationCondition chain with string literals or top-level consts as arguments.',
      },
      {
        code: "AL1030",
        severity: "warning",
        at: ["src/assets.ts", "cron)"],
        message:
          'Asset "b" (src/assets.ts): the argument `cron` of `onCron` is a `let` variable, which the analyzer cannot follow, so it has no automation condition the editor can show. Write it as an AutomationCondition chain with string literals or top-level consts as arguments.',
      },
      {
        code: "AL1030",
        severity: "warning",
        at: ["src/assets.ts", "replace"],
        message:
          'Asset "c" (src/assets.ts): `replace` is no AutomationCondition method the analyzer reads, so it has no automation condition the editor can show. Write it as an AutomationCondition chain with string literals or top-level consts as arguments.',
      },
      {
        code: "AL1030",
        severity: "warning",
        at: ["src/assets.ts", "cron, selection"],
        message:
          'Schedule "nightly" (src/assets.ts): its `cron` `cron` is a `let` variable, which the analyzer cannot follow, so it is not in the graph. Use string literals, top-level consts, and a job or selection the analyzer can read.',
      },
      {
        code: "AL1030",
        severity: "warning",
        at: ["src/assets.ts", "`key:"],
        message:
          'Sensor "files" (src/assets.ts): its selection `key:${"orders"}` is a template with substitutions, which the analyzer cannot follow, so it is not in the graph. Use string literals, top-level consts, and a job or selection the analyzer can read.',
      },
    ],
    names: [],
  },
];

describe("automation diagnostics", () => {
  it.each(cases)("$name", (testCase) => {
    const workspace = analyzeFiles(testCase.files);
    expect(workspace.placed()).toEqual(workspace.expected(testCase.diagnostics));
    if (testCase.names) {
      const graph = workspace.analyzer.graph();
      expect([...(graph.schedules ?? []), ...(graph.sensors ?? [])].map((entry) => entry.name)).toEqual(testCase.names);
    }
  });
});
