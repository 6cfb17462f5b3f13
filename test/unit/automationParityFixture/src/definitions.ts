import { Definitions, schedule } from "assetline";
import { custom, manual, members, orders, orders_raw, revenue } from "./assets";
import { gold } from "./automation";

/** Listed only here, so only the Definitions brings it in. */
const listed_only = schedule({ name: "listed_only", cron: "0 0 1 * *", selection: "key:manual" });

export default new Definitions({
  assets: [orders_raw, orders, revenue, custom, members, manual],
  jobs: [gold],
  schedules: [listed_only],
});
