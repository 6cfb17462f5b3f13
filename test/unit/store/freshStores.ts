/** Fresh stores of one kind for the tests of a suite, each disposed after its test. */
import { afterEach } from "vitest";
import type { OpenedStore, StoreKind } from "./storeKinds";

export function freshStores(kind: StoreKind): () => Promise<OpenedStore> {
  const opened: OpenedStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.dispose()));
  });
  return async () => {
    const store = await kind.open();
    opened.push(store);
    return store;
  };
}
