import { AutomationCondition, asset } from "assetline";

export const raw = asset(() => [
  { id: 1, amount: 10 },
  { id: 2, amount: -3 },
]);

export const clean = asset({ ins: { raw }, automationCondition: AutomationCondition.eager() }, ({ raw }) =>
  raw.filter((row) => row.amount >= 0),
);
