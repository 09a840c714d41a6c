/** Node's carrier for an update's unit of work (src/channels/unit.ts): AsyncLocalStorage from node:async_hooks. */
import { AsyncLocalStorage } from "node:async_hooks";
import type { UnitScope, UpdateUnit } from "../channels/unit.ts";

export function nodeUnitScope(): UnitScope {
  return new AsyncLocalStorage<UpdateUnit>();
}
