import type { ControlPlane } from "../application/control-plane.js";
import { defaultScenarioUniverse, scenarioBootstrap, type ScenarioUniverse } from "./arbitraries-scenario-universe.js";

/**
 * Dispatches a universe's bootstrap through a control plane (whose git should come from `createScenarioGit`), and
 * throws naming the first step that was refused: after it, every scenario step arbitrary applies.
 */
export async function bootstrapScenario(plane: ControlPlane, universe: ScenarioUniverse = defaultScenarioUniverse, commandIdPrefix = "boot"): Promise<void> {
  let n = 0;
  for (const { actor, command } of scenarioBootstrap(universe)) {
    n += 1;
    const result = await plane.dispatch({ actor, command, commandId: `${commandIdPrefix}-${n}` });
    if (result._tag === "Left") throw new Error(`scenario bootstrap step ${n} (${command.type}) was refused: ${JSON.stringify(result.left)}`);
  }
}
