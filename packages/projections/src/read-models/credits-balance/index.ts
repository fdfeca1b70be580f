export { creditsAfter } from "./view-after.js";
