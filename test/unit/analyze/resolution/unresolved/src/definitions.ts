import { Definitions } from "assetline";
import { weekly } from "@/weekly";
import { raw } from "./raw";
import { report } from "./report";
import { from_package } from "./fromPackage";
import { keyed } from "./keyed";

export default new Definitions({ assets: [raw, report, from_package, keyed], jobs: [weekly] });
