export * from "./smtp-mail-transport.js";
export * from "./notification-email.js";
