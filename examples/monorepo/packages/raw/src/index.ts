// The package's entry (its package.json `exports`): marts import these by the package's name.
export { raw_customers } from "./customers.js";
export * from "./orders.js";
