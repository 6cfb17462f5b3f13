import type { Command } from "./command";
import { automationCommand } from "./commands/automation";
import { cancelCommand } from "./commands/cancel";
import { checkCommand } from "./commands/check";
import { checkAssetsCommand } from "./commands/checkAssets";
import { configSchemaCommand } from "./commands/configSchema";
import { devCommand } from "./commands/dev";
import { graphCommand } from "./commands/graph";
import { initCommand } from "./commands/init";
import { listCommand } from "./commands/list";
import { logsCommand } from "./commands/logs";
import { materializeCommand } from "./commands/materialize";
import { partitionsCommand } from "./commands/partitions";
import { poolsCommand } from "./commands/pools";
import { queryCommand } from "./commands/query";
import { runsCommand } from "./commands/runs";
import { schedulesCommand } from "./commands/schedules";
import { pauseCommand, resumeCommand, tickCommand } from "./commands/instigators";
import { sensorsCommand } from "./commands/sensors";
import { sensorTickCommand } from "./commands/sensorTick";
import { showCommand } from "./commands/show";
import { statusCommand } from "./commands/status";
import { wipeCommand } from "./commands/wipe";
import { workerCommand } from "./commands/worker";
import { workersCommand } from "./commands/workers";

/** Every CLI command, in the order `assetline --help` lists them. Add a command by adding its module here. */
export const commands: Command[] = [
  initCommand,
  checkCommand,
  listCommand,
  graphCommand,
  materializeCommand,
  checkAssetsCommand,
  configSchemaCommand,
  statusCommand,
  partitionsCommand,
  runsCommand,
  schedulesCommand,
  sensorsCommand,
  pauseCommand,
  resumeCommand,
  tickCommand,
  automationCommand,
  logsCommand,
  cancelCommand,
  workersCommand,
  poolsCommand,
  showCommand,
  queryCommand,
  wipeCommand,
  devCommand,
  workerCommand,
  sensorTickCommand,
];
