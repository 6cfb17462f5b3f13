/** Wall and CPU time of the automation benchmarks' calls: on a loaded machine CPU time is the cost. */
export interface Timing {
  wall: number;
  cpu: number;
}

/** Wall and CPU ms of one call: CPU time is what it costs, wall time what a user waits. */
export function timed(work: () => unknown): Timing {
  const cpu = process.cpuUsage();
  const started = performance.now();
  work();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

export function medians(timings: Timing[]): Timing {
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { wall: median(timings.map((timing) => timing.wall)), cpu: median(timings.map((timing) => timing.cpu)) };
}
