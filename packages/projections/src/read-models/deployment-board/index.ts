export { deploymentBoard, type DeploymentBoardState, type DeploymentEntry } from "./projection.js";
export { deploymentsOf, deploymentView, type DeploymentView } from "./queries.js";
