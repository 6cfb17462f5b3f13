import { asset } from "assetline";
import { raw } from "./raw.js";

export const report = asset({ ins: { raw } }, ({ raw }) => raw);
