/**
 * Wakes steps waiting for a slot that is free without a completion having freed it: a pool's limit raised or cleared
 * (`assetline pools`), or a run's waiter left behind. Each worker's heartbeat runs it as the safety net of the
 * completions' own wake-ups (stepFunctions.ts).
 */
import { jobsSchema, type QueueTx, STEP_TASK } from "./queueTx";

export async function wakeFreeSlots(tx: QueueTx): Promise<void> {
  await tx.client.query({
    name: "assetline_wake_free_slots",
    text: "SELECT wake_free_slots($1, $2)",
    values: [await jobsSchema(tx), STEP_TASK],
  });
}
