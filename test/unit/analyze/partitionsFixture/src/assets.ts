import {
  AllPartitionMapping,
  AssetDep,
  AssetIn,
  AssetSpec,
  asset,
  DynamicPartitionsDefinition,
  MultiPartitionsDefinition,
  multiAsset,
  StaticPartitionMapping,
  StaticPartitionsDefinition,
} from "assetline";
import * as p from "./index";
import { everyDay, monthly } from "./index";

const countries = StaticPartitionsDefinition(["fr", "de", "us"]);

export const raw_orders = AssetSpec("raw/orders", { partitionsDef: p.daily });

export const bronze_orders = asset({ partitionsDef: everyDay, deps: ["raw/orders"] }, () => [1]);

export const rolling = asset(
  {
    partitionsDef: p.daily,
    backfillPolicy: "single-run",
    ins: { today: bronze_orders, before: AssetIn(bronze_orders, { partitionMapping: p.yesterday }) },
  },
  ({ today, before }) => [today, before],
);

export const monthly_revenue = asset(
  { partitionsDef: monthly, ins: { bronze_orders } },
  ({ bronze_orders }) => bronze_orders,
);

export const by_region = asset({ partitionsDef: p.regions }, () => 1);

export const by_country = asset(
  {
    partitionsDef: countries,
    ins: { region: { asset: by_region, partitionMapping: StaticPartitionMapping({ eu: ["fr", "de"], us: "us" }) } },
  },
  ({ region }) => region,
);

export const grid = asset({ partitionsDef: MultiPartitionsDefinition({ date: p.daily, region: p.regions }) }, () => 1);

export const customers = asset({ partitionsDef: DynamicPartitionsDefinition({ name: "customers" }) }, () => 1);

export const summary = asset(
  { deps: [AssetDep(by_region, { partitionMapping: AllPartitionMapping() }), "customers"] },
  () => 1,
);

export const split = multiAsset(
  { partitionsDef: monthly, specs: [AssetSpec("split/a"), AssetSpec("split/b", { partitionsDef: monthly })] },
  function* () {},
);
