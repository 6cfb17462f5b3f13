/** Every resource the planned steps request must be provided: checked before any step runs. */
import { suggestKey } from "../analyze/report";

export interface ResourceRequest {
  /** The asset (or, with `check`, the check's `asset:name`) that lists the resources. */
  key: string;
  resources: readonly string[];
  /** A check's request: named as `check "orders:unique_id"`, and not located (`locate` knows assets). */
  check?: boolean;
}

/**
 * Throws one error naming each asset (at `locate(key)`, its file when known) and the resource it requests that
 * `provided` lacks, with the fix.
 */
export function assertResourcesProvided(
  requests: readonly ResourceRequest[],
  provided: readonly string[],
  locate: (key: string) => string | undefined = () => undefined,
): void {
  const given = new Set(provided);
  const problems: string[] = [];
  for (const { key, resources, check } of requests)
    for (const resource of resources) {
      if (given.has(resource)) continue;
      const where = check ? undefined : locate(key);
      const suggestion = suggestKey(resource, provided);
      problems.push(
        `${check ? "check" : "asset"} "${key}"${where === undefined ? "" : ` (${where})`} requests resource "${resource}", which the Definitions do not provide: ${suggestion === undefined ? `add it, as new Definitions({ resources: { ${resource}: defineResource({ setup }) } })` : `did you mean "${suggestion}"?`}`,
      );
    }
  if (problems.length > 0) throw new Error(problems.join("\n"));
}
