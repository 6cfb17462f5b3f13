/**
 * The automation forms the analyzer reads: conditions through a namespace import and consts from other files,
 * a multi-asset's condition as its members' default, schedules and sensors listed by the Definitions only, and an
 * edit that changes a condition or a schedule's cron.
 */
import { describe, expect, it } from "vitest";
import { AutomationCondition } from "../../../sdk/src/automation/condition";
import { analyzeFiles } from "./workspace";

const files = {
  "src/shared.ts": `export const NIGHTLY = "0 2 * * *";\nexport const RAW = "group:raw";\n`,
  "src/assets.ts": `import * as al from "assetline";
import { NIGHTLY, RAW } from "./shared";
export const orders = al.asset({ automationCondition: al.AutomationCondition.onCron(NIGHTLY).ignore(RAW) }, () => []);
export const members = al.multiAsset(
  { specs: [al.AssetSpec("left"), al.AssetSpec("right", { automationCondition: al.AutomationCondition.onMissing() })],
    automationCondition: al.AutomationCondition.eager() },
  function* () {},
);`,
  "src/definitions.ts": `import { Definitions, schedule, sensor } from "assetline";
import { orders, members } from "./assets";
import { NIGHTLY } from "./shared";
const hidden = schedule({ name: "hidden", cron: NIGHTLY, selection: "key:orders" });
const alsoHidden = sensor({ name: "also_hidden", selection: "key:left" }, () => undefined);
const notListed = schedule({ name: "not_listed", cron: NIGHTLY, selection: "key:orders" });
export default new Definitions({ assets: [orders, members], schedules: [hidden], sensors: [alsoHidden] });`,
};

describe("automation forms", () => {
  it("builds the conditions the runtime builds, through namespaces and consts in other files", () => {
    const graph = analyzeFiles(files).analyzer.graph();
    const condition = (key: string) => graph.nodes.find((node) => node.key === key)?.automationCondition;
    const C = AutomationCondition;
    expect(condition("orders")).toEqual(C.onCron("0 2 * * *").ignore("group:raw").data);
    expect(condition("left")).toEqual(C.eager().data);
    expect(condition("right")).toEqual(C.onMissing().data);
    // Only the Definitions brings the unexported ones in; one neither exported nor listed is not in the graph.
    expect(graph.schedules?.map((schedule) => schedule.name)).toEqual(["hidden"]);
    expect(graph.sensors?.map((sensor) => sensor.name)).toEqual(["also_hidden"]);
    expect(graph.schedules?.[0]?.location?.range.start.line).toBe(3);
  });

  it("follows an edit of a condition and of a schedule's cron", () => {
    const workspace = analyzeFiles(files);
    workspace.analyzer.graph();
    workspace.analyzer.update(
      workspace.path("src/shared.ts"),
      `export const NIGHTLY = "0 3 * * *";\nexport const RAW = "group:raw";\n`,
    );
    const graph = workspace.analyzer.graph();
    expect(graph.schedules?.[0]?.cron).toBe("0 3 * * *");
    expect(graph.nodes.find((node) => node.key === "orders")?.automationCondition).toEqual(
      AutomationCondition.onCron("0 3 * * *").ignore("group:raw").data,
    );
  });
});

describe("conditions held in consts", () => {
  it("starts from or takes a const condition, here or imported, and says a problem in one where it is read", () => {
    const workspace = analyzeFiles({
      "src/conditions.ts": `import { AutomationCondition } from "assetline";
export const base = AutomationCondition.eager();
export const broken = AutomationCondition.onCron("0 25 * * *");`,
      "src/assets.ts": `import { asset, AutomationCondition } from "assetline";
import { base, broken } from "./conditions";
const failed = AutomationCondition.executionFailed();
export const a = asset({ automationCondition: base }, () => 1);
export const b = asset({ automationCondition: base.without(AutomationCondition.inLatestTimeWindow()).or(failed) }, () => 1);
export const c = asset({ automationCondition: broken }, () => 1);`,
    });
    const graph = workspace.analyzer.graph();
    const condition = (key: string) => graph.nodes.find((node) => node.key === key)?.automationCondition;
    const C = AutomationCondition;
    expect(condition("a")).toEqual(C.eager().data);
    expect(condition("b")).toEqual(C.eager().without(C.inLatestTimeWindow()).or(C.executionFailed()).data);
    expect(condition("c")).toBeUndefined();
    expect(workspace.placed()).toEqual(
      workspace.expected([
        {
          code: "AL1028",
          severity: "error",
          at: ["src/assets.ts", "broken }", 0, 1],
          message:
            'Asset "c" (src/assets.ts): onCron\'s cron "0 25 * * *" is not a cron expression (Invalid value for hour: 25): write five fields, as "0 6 * * *" (06:00 every day).',
        },
      ]),
    );
  });

  it("follows an edit of a const condition in another file", () => {
    const workspace = analyzeFiles({
      "src/conditions.ts": `import { AutomationCondition } from "assetline";\nexport const base = AutomationCondition.eager();`,
      "src/assets.ts": `import { asset } from "assetline";\nimport { base } from "./conditions";\nexport const a = asset({ automationCondition: base }, () => 1);`,
    });
    expect(workspace.analyzer.graph().nodes[0]?.automationCondition?.label).toBe("eager");
    workspace.analyzer.update(
      workspace.path("src/conditions.ts"),
      `import { AutomationCondition } from "assetline";\nexport const base = AutomationCondition.onMissing();`,
    );
    expect(workspace.analyzer.graph().nodes[0]?.automationCondition?.label).toBe("on_missing");
  });
});
