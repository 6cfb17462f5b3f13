/** Wall and CPU time of the automation benchmarks' calls: on a loaded machine CPU time is the cost. */
export interface Timing {
  wall: number;
  cpu: number;
}

/** Wall and CPU ms of one call: CPU time is what it costs, wall time what a user waits. */
export function timed(work: () => unknown): Timing {
  const stop = started();
  work();
  return stop();
}

/** The same of an asynchronous call (a tick through the store), to when its promise settles. */
export async function timedAsync(work: () => Promise<unknown>): Promise<Timing> {
  const stop = started();
  await work();
  return stop();
}

function started(): () => Timing {
  const cpu = process.cpuUsage();
  const at = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - at, cpu: (used.user + used.system) / 1000 };
  };
}

export function medians(timings: Timing[]): Timing {
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { wall: median(timings.map((timing) => timing.wall)), cpu: median(timings.map((timing) => timing.cpu)) };
}
