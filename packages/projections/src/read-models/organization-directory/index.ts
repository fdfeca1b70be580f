export { organizationDirectory } from "./projection.js";
export type { OrganizationDirectoryState, OrganizationEntry, InstallationEntry } from "./state.js";
export {
  organizationView,
  membershipsOf,
  isRepositoryGranted,
  type OrganizationView,
  type MemberView,
  type InstallationView,
  type MembershipView,
} from "./queries.js";
export { organizationViewAfter } from "./view-after.js";
