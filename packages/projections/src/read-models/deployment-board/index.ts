export { deploymentBoard, type DeploymentBoardState, type DeploymentEntry } from "./projection.js";
export { deploymentsOf, deploymentView, type DeploymentView } from "./queries.js";
export { deploymentViewAfter } from "./view-after.js";
