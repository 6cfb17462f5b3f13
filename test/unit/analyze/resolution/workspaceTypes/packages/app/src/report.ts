import { asset } from "assetline";
import { raw } from "@fx/raw";

export const report = asset({ ins: { raw } }, ({ raw }) => raw);
