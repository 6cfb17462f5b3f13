import type { Position, Range } from "../protocol/graph";

/** Offsets of each line's first character, so facts can keep plain offsets and still answer in LSP positions. */
export function computeLineStarts(text: string): Uint32Array {
  if (!text.includes("\r")) {
    // The common case, found by the engine's fast substring search rather than a loop over every character.
    const starts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    return Uint32Array.from(starts);
  }
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return Uint32Array.from(starts);
}

export function positionAt(lineStarts: Uint32Array, offset: number): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - lineStarts[low]! };
}

export function offsetAt(lineStarts: Uint32Array, position: Position): number {
  const start = lineStarts[Math.min(position.line, lineStarts.length - 1)] ?? 0;
  return start + position.character;
}

/** A [start, end) offset span in one file. */
export interface Span {
  start: number;
  end: number;
}

export function rangeOf(lineStarts: Uint32Array, span: Span): Range {
  return { start: positionAt(lineStarts, span.start), end: positionAt(lineStarts, span.end) };
}
