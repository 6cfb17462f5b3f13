/**
 * The code a queued run runs, stored once by content: the launcher puts its bundle here with the run, a worker on any
 * machine gets it by the run's hash and verifies it, so every step of a run runs exactly the code the run planned.
 */
import { createHash } from "node:crypto";
import { NOW_MS, type QueueTx } from "./queueTx";

export function bundleHash(body: Buffer): string {
  return createHash("sha256").update(body).digest("hex");
}

/** Stores the bundle (once: a second run of the same code adds nothing) and returns its hash. */
export async function putBundle(tx: QueueTx, body: Buffer): Promise<string> {
  const hash = bundleHash(body);
  await tx.client.query(
    `INSERT INTO bundles (hash, body, created_at) VALUES ($1, $2, ${NOW_MS}) ON CONFLICT (hash) DO NOTHING`,
    [hash, body],
  );
  return hash;
}

/** The bundle of `hash`, undefined when the store has none; throws when its bytes are not what the hash says. */
export async function getBundle(tx: QueueTx, hash: string): Promise<Buffer | undefined> {
  const { rows } = await tx.client.query<{ body: Buffer }>("SELECT body FROM bundles WHERE hash = $1", [hash]);
  const body = rows[0]?.body;
  if (body === undefined) return undefined;
  const actual = bundleHash(body);
  if (actual !== hash) {
    throw new Error(
      `the stored bundle ${hash.slice(0, 12)} does not match its hash (its bytes hash to ${actual.slice(0, 12)}): the store's bundles table was altered; start the run again`,
    );
  }
  return body;
}
