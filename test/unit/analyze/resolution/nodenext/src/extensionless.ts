import { asset } from "assetline";
import { raw } from "./raw";

export const extensionless = asset({ ins: { raw } }, ({ raw }) => raw);
