import { defineAssetJob } from "assetline";
import { SELECTION } from "@/selections";

export const nightly = defineAssetJob({ name: "nightly", selection: SELECTION });
