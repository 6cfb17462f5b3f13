import { AutomationCondition, asset, AssetSpec, multiAsset } from "assetline";
import { NIGHTLY, RAW } from "./shared";

export const orders_raw = asset({ automationCondition: AutomationCondition.onMissing() }, () => []);
export const orders = asset(
  { ins: { orders_raw }, automationCondition: AutomationCondition.onCron(NIGHTLY, "Europe/Lisbon") },
  () => [],
);
export const revenue = asset(
  {
    ins: { orders },
    automationCondition: AutomationCondition.eager()
      .without(AutomationCondition.inLatestTimeWindow())
      .ignore(RAW)
      .withLabel("eager_all_partitions"),
  },
  () => 0,
);
export const custom = asset(
  {
    deps: [orders],
    automationCondition: AutomationCondition.anyDepsUpdated()
      .or(AutomationCondition.codeVersionChanged().newlyTrue())
      .and(AutomationCondition.inProgress().not()),
  },
  () => 0,
);
export const members = multiAsset(
  {
    specs: [AssetSpec("left"), AssetSpec("right", { automationCondition: AutomationCondition.onMissing() })],
    automationCondition: AutomationCondition.eager(),
  },
  function* () {},
);
export const manual = asset(() => 0);
