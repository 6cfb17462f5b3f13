import { asset } from "assetline";

/** List of active customers */
export const customers_data = asset({ group: "basics" }, (ctx) => {
  ctx.log.info("Loading customer data...");
  const all = [
    { id: 1, name: "John Silva", status: "active" },
    { id: 2, name: "Mary Santos", status: "active" },
    { id: 3, name: "Peter Costa", status: "inactive" },
  ];
  const active = all.filter((customer) => customer.status === "active");
  ctx.log.info(`Found ${active.length} active customers`);
  return active;
});
