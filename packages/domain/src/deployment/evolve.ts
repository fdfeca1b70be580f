import type { DeploymentEvent } from "./events.js";
import type { DeploymentState } from "./state.js";

export function evolveDeployment(state: DeploymentState, event: DeploymentEvent): DeploymentState {
  switch (event.type) {
    case "DeploymentCreated": {
      const { organization, projectKey, deployment, environment, gitRev, commit, manifestDigest, schedules } = event.data;
      return {
        status: "deployed",
        organization,
        projectKey,
        deployment,
        environment,
        gitRev,
        commit,
        manifestDigest,
        schedules: schedules.map((s) => ({ name: s.name, interval: s.interval, enabled: false })),
      };
    }
    case "DeploymentRedeployed": {
      if (state.status !== "deployed") return state;
      const { commit, manifestDigest, schedulesKept, schedulesAdded, scheduleOrder } = event.data;
      const schedules = [...schedulesKept, ...schedulesAdded.map((s) => ({ name: s.name, interval: s.interval, enabled: false }))];
      if (scheduleOrder === undefined) return { ...state, commit, manifestDigest, schedules };
      // Manifest order, so that whatever walks a deployment's schedules (a scheduler, a listing) sees them as written.
      const position = new Map(scheduleOrder.map((name, index) => [name, index]));
      const ordered = [...schedules].sort(
        (a, b) => (position.get(a.name) ?? scheduleOrder.length) - (position.get(b.name) ?? scheduleOrder.length),
      );
      return { ...state, commit, manifestDigest, schedules: ordered };
    }
    case "DeploymentDeleted": {
      const { organization, projectKey, deployment } = event.data;
      return { status: "deleted", organization, projectKey, deployment };
    }
    case "ScheduleEnabled":
    case "ScheduleDisabled": {
      if (state.status !== "deployed") return state;
      const enabled = event.type === "ScheduleEnabled";
      return { ...state, schedules: state.schedules.map((s) => (s.name === event.data.schedule ? { ...s, enabled } : s)) };
    }
  }
}
