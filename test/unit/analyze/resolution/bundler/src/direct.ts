import { asset } from "assetline";
import { raw } from "./lib/index.ts";

export const direct = asset({ ins: { raw } }, ({ raw }) => raw);
