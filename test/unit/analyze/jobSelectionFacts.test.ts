import { describe, expect, it } from "vitest";
import { analyzeFiles } from "./workspace";

const header = `import { asset, defineAssetJob } from "assetline";\n`;

describe("job selections with terms only a run can answer", () => {
  it("does not warn 'matches nothing' for status:, job:, code_location: or changed_in_branch:, but still checks the rest", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `${header}export const a = asset({ group: "g" }, () => 1);
export const j1 = defineAssetJob({ name: "j1", selection: "status:stale" });
export const j2 = defineAssetJob({ name: "j2", selection: "job:j3 and group:g" });
export const j3 = defineAssetJob({ name: "j3", selection: 'code_location:"@acme/x" or changed_in_branch:main' });
export const j4 = defineAssetJob({ name: "j4", selection: "tag:a=b" });
export const j5 = defineAssetJob({ name: "j5", selection: "status:done" });`,
    });
    expect(workspace.analyzer.diagnostics().map((d) => [d.code, d.range.start.line + 1, d.message])).toEqual([
      ["AL1006", 6, 'Job "j4" selects no asset: "tag:a=b" matches nothing. Check the keys, groups and tags it names.'],
      [
        "AL1005",
        7,
        'Job "j5": unknown status "done" at column 8: use status:materialized, status:fresh, status:stale, status:missing, status:failed, status:in_progress, status:check_failed, status:check_warning, status:overdue',
      ],
    ]);
  });
});
