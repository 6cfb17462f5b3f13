/**
 * A synthetic workspace: `files` modules of 10 assets each, every asset with 1–3 upstreams from earlier modules
 * (by imported handle, by key string, or ordering-only `deps`), and bodies shaped like the example's.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PER_FILE = 10;

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same workspace. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const name = (file: number, index: number) => `asset_${file}_${index}`;

function body(key: string, inputs: string[], rnd: () => number): string {
  const n = 10 + Math.floor(rnd() * 90);
  const source = inputs.length
    ? `[...${inputs.map((i) => `(${i} as Row[])`).join(", ...")}]`
    : `Array.from({ length: ${n} }, (_, i) => ({ id: i, amount: i * ${(rnd() * 10).toFixed(2)}, segment: i % 3 === 0 ? "Premium" : "Standard" }))`;
  return `{
    ctx.log.info("Building ${key}...");
    const rows: Row[] = ${source};
    const cleaned = rows.filter((row) => row.amount !== undefined && Number(row.amount) >= 0);
    const bySegment = new Map<string, number>();
    for (const row of cleaned) {
      const segment = String(row.segment ?? "Unknown");
      bySegment.set(segment, (bySegment.get(segment) ?? 0) + Number(row.amount ?? 0));
    }
    ctx.addOutputMetadata({ num_rows: cleaned.length, segments: bySegment.size });
    // Keep the preview small: the first rows are enough to eyeball the shape.
    return cleaned.slice(0, ${n}).map((row) => ({ ...row, total: Math.round(Number(row.amount) * 100) / 100 }));
  }`;
}

/** Returns the workspace's files (absolute path -> text) after writing them under `root`. */
export function generateWorkspace(root: string, assets: number, seed = 42): Map<string, string> {
  const rnd = random(seed);
  const files = Math.ceil(assets / PER_FILE);
  const texts = new Map<string, string>();
  mkdirSync(join(root, "src"), { recursive: true });
  for (let f = 0; f < files; f++) {
    const imports = new Map<number, Set<string>>();
    const definitions: string[] = [];
    for (let i = 0; i < PER_FILE; i++) {
      const key = name(f, i);
      const upstreamCount = f === 0 ? 0 : 1 + Math.floor(rnd() * 3);
      const ins: string[] = [];
      const deps: string[] = [];
      for (let u = 0; u < upstreamCount; u++) {
        const fromFile = Math.floor(rnd() * f);
        const upstream = name(fromFile, Math.floor(rnd() * PER_FILE));
        const style = rnd();
        if (style < 0.5) {
          (imports.get(fromFile) ?? imports.set(fromFile, new Set()).get(fromFile)!).add(upstream);
          if (!ins.includes(upstream)) ins.push(upstream);
        } else if (style < 0.8) ins.push(`in_${u}: "${upstream}"`);
        else deps.push(`"${upstream}"`);
      }
      const names = ins.map((entry) => entry.split(":")[0]!);
      const options = [
        `group: "group_${f % 20}"`,
        `kinds: ["table"]`,
        ins.length ? `ins: { ${ins.join(", ")} }` : "",
        deps.length ? `deps: [${deps.join(", ")}]` : "",
      ]
        .filter(Boolean)
        .join(", ");
      const params = names.length ? `({ ${names.join(", ")} }, ctx)` : "(ctx)";
      definitions.push(
        `/** ${key}: synthetic asset ${i} of module ${f}. */\nexport const ${key} = asset({ ${options} }, ${params} => ${body(key, names, rnd)});\n`,
      );
    }
    const importLines = [...imports].map(
      ([from, names]) => `import { ${[...names].join(", ")} } from "./module_${from}";`,
    );
    const text = [
      `import { asset } from "assetline";`,
      ...importLines,
      `\ntype Row = Record<string, unknown>;\n`,
      ...definitions,
    ].join("\n");
    const path = join(root, "src", `module_${f}.ts`).split("\\").join("/");
    writeFileSync(path, text);
    texts.set(path, text);
  }
  return texts;
}
