import { asset } from "assetline";
import { RAW_KEY } from "./keys";

export const keyed = asset({ key: RAW_KEY }, () => 1);
