import { asset } from "assetline";
import { chunk } from "lodash";

export const from_package = asset({ ins: { chunk } }, ({ chunk }) => chunk);
