/**
 * The team's commands in this process on a shared store: a workspace to run them in and a fresh queue-migrated schema
 * per test. `--store URL` sets ASSETLINE_STORE_URL for the process (and those it starts): it is cleared after each test.
 */
import { afterAll, afterEach, beforeAll } from "vitest";
import { STORE_URL_VARIABLE } from "../../../sdk/src/protocol";
import { type QueueFixture, useQueue } from "../queue/queueFixture";
import { fixtureWorkspace, removeWorkspace } from "../run/workspace";
import { type Captured, ORDERS_FILES, runIn } from "./harness";

export interface SharedStore {
  queue(): Promise<QueueFixture>;
  /** `assetline …argv` in the workspace. */
  cli(argv: string[]): Promise<Captured>;
}

export function useSharedStore(): SharedStore {
  const queue = useQueue();
  let root: string;
  beforeAll(() => {
    root = fixtureWorkspace(ORDERS_FILES);
  });
  afterAll(() => removeWorkspace(root));
  afterEach(() => {
    delete process.env[STORE_URL_VARIABLE];
  });
  return { queue, cli: (argv) => runIn(root, argv) };
}
