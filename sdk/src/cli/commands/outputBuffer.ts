/**
 * Coalesces output written in the same turn of the event loop into one write: a run of 10,000 steps prints
 * 30,000 lines, and one system call each would cost more than the steps. Readers still get each line right after
 * the turn; `flush()` writes immediately (after the last event of a run).
 */
export function createOutputBuffer(write: (text: string) => void): { write(text: string): void; flush(): void } {
  let buffered = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (buffered === "") return;
    const text = buffered;
    buffered = "";
    write(text);
  };
  return {
    write(text) {
      buffered += text;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
