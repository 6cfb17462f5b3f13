/** Run ids as people type them: tables print the first characters, and any unique prefix finds its run, as in git. */
import type { StoreReader } from "../../store/store";
import { CliError } from "../command";

/** Eight hex digits of a UUID: one clash in about 77,000 runs, and `logs` then asks for more. */
const SHORT_LENGTH = 8;

export const shortRunId = (id: string) => id.slice(0, SHORT_LENGTH);

/** The one run whose id starts with `prefix`; an error that says which, when none or several do. */
export async function resolveRunId(store: StoreReader, prefix: string): Promise<string> {
  if (await store.run(prefix)) return prefix;
  const found = await store.runIdsStartingWith(prefix, 5);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new CliError(`no run "${prefix}" in this store; \`assetline runs\` lists them.`, 1);
  throw new CliError(
    `the run id "${prefix}" is ambiguous: runs ${found.join(", ")}${found.length === 5 ? ", …" : ""} start with it; give more of it.`,
  );
}
