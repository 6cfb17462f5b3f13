import { Definitions } from "assetline";
import { extract_from_api } from "./api";
import {
  counts_every_order,
  non_negative_totals,
  orders_have_customers,
  orders_per_day,
  revenue_has_rows,
} from "./checks";
import { customers_data } from "./customers";
import { all_assets_job, bronze_sales, gold_revenue_job, gold_sales, silver_sales } from "./medallion";
import { customers, enriched_orders, orders_raw, revenue_by_segment } from "./orders";
import {
  bronze_customers,
  bronze_orders,
  bronze_products,
  gold_daily_revenue,
  sales_report,
  silver_orders_enriched,
} from "./pipeline";
import { gold_city_revenue, gold_monthly_revenue } from "./revenue";
import { validated_sales_data } from "./salesData";
import { shop_api } from "./shopApi";
import { orders_audit, warehouse_orders } from "./warehouse";

export default new Definitions({
  assets: [
    customers_data,
    orders_raw,
    customers,
    enriched_orders,
    revenue_by_segment,
    extract_from_api,
    validated_sales_data,
    bronze_sales,
    silver_sales,
    gold_sales,
    bronze_orders,
    bronze_products,
    bronze_customers,
    silver_orders_enriched,
    gold_daily_revenue,
    sales_report,
    gold_monthly_revenue,
    gold_city_revenue,
    warehouse_orders,
    orders_audit,
  ],
  jobs: [all_assets_job, gold_revenue_job],
  checks: [orders_have_customers, revenue_has_rows, orders_per_day, non_negative_totals, counts_every_order],
  resources: { shop_api },
});
