export const NIGHTLY = "0 2 * * *";
export const RAW = "key:orders_raw";
