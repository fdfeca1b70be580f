export * from "./notification-dispatcher.js";
export * from "./dispatch-timer.js";
export { storableError } from "./attempt-delivery.js";
export * from "./paged-outbox.js";
