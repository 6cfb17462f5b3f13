import { asset } from "assetline";
export const raw = asset(() => [1, 2, 3]);
