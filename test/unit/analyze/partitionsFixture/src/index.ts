export * from "./partitions";
export { daily as everyDay } from "./partitions";
