export * from "./webhook-signature.js";
export * from "./webhook-url.js";
export * from "./http-webhook-transport.js";
