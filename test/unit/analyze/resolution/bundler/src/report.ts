import { asset } from "assetline";
import { raw } from "./lib";

export const report = asset({ ins: { raw } }, ({ raw }) => raw);
