export { auditTrail, type AuditTrailState, type OrganizationTrail } from "./projection.js";
export { auditTrailOf, type AuditEntry, type AuditEntity, type AuditQuery } from "./queries.js";
