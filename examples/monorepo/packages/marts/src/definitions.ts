import { raw_customers, raw_orders } from "@monorepo/raw";
import { raw_payments } from "@raw/payments.js";
import { Definitions } from "assetline";
import { order_facts } from "./orderFacts.js";
import { marts_job, revenue_by_segment } from "./revenue.js";

export default new Definitions({
  assets: [raw_orders, raw_customers, raw_payments, order_facts, revenue_by_segment],
  jobs: [marts_job],
});
