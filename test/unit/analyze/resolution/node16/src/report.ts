import { asset } from "assetline";
import { raw } from "./raw";

export const report = asset({ ins: { raw } }, ({ raw }) => raw);
