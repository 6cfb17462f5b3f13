import { assetCheck, checks, Definitions } from "assetline";
import { exports, orders, revenue } from "./assets";
import { ordersFresh } from "./checks";

/** Listed only here, so only the Definitions brings it in. */
const revenueNotNull = checks.notNull("total", { asset: revenue });

export default new Definitions({
  assets: [orders, exports, revenue],
  io: "duckdb",
  checks: [revenueNotNull, ordersFresh, assetCheck({ asset: "segments", name: "listed_here" }, () => true)],
});
