/** What a folder's lenses know of its schedules and sensors beyond the source: the daemon's state and latest ticks. */
import type { ScheduleTicks, SensorState } from "assetline/protocol";

export interface InstigatorStates {
  /** Whether a daemon answered the latest read: without one nothing ticks (`automation off`). */
  daemon: boolean;
  /** Each schedule's latest recorded tick and whether it is paused (a daemon's, or the store's without one). */
  schedules: ScheduleTicks[];
  /** Each sensor's state and latest tick: only a daemon that knows `sensors` tells them. */
  sensors: SensorState[];
}

export const NO_AUTOMATION: InstigatorStates = { daemon: false, schedules: [], sensors: [] };
