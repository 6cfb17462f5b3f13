/**
 * Run by retainedHeap.test.ts in a child `node --expose-gc`: analyzes a copy of the example workspace, then edits
 * its pipeline as an editor does (typing in a body, now and then renaming an asset), asking what the server asks
 * after each edit. Prints the heap used after a full GC at each sample, as JSON.
 * Arguments: the workspace root, the number of edits, the number of edits between samples.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createAnalyzer } from "../../../sdk/src/analyze";

const [root, edits, every] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

const file = join(root, "src/pipeline.ts");
const text = readFileSync(file, "utf8");
const typedAt = text.indexOf("Lisbon");
const edited = (i: number) => {
  const typed = `${text.slice(0, typedAt + (i % 5))}${"x".repeat(1 + (i % 9))}${text.slice(typedAt + (i % 5))}`;
  return i % 10 === 0 ? typed.replace("export const sales_report =", `export const sales_report_${i % 3} =`) : typed;
};

const analyzer = createAnalyzer({ root });
analyzer.loadFromDisk();
const heapUsed: number[] = [];
for (let i = 0; i < edits; i++) {
  for (const changed of analyzer.update(file, edited(i))) analyzer.diagnostics(changed);
  analyzer.assetsIn(file);
  analyzer.jobsIn(file);
  if (i % 10 === 0) analyzer.graph();
  if ((i + 1) % every === 0) {
    gc();
    heapUsed.push(process.memoryUsage().heapUsed);
  }
}
console.log(JSON.stringify({ heapUsed }));
