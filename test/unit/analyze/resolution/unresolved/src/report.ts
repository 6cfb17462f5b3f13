import { asset } from "assetline";
import { raw } from "@/rwa";

export const report = asset({ ins: { raw } }, ({ raw }) => raw);
