import { checks } from "assetline";

/** A check without an asset, for assets to list in their `checks`. */
export const hasRows = checks.rowCount({ min: 0, name: "has_rows" });
