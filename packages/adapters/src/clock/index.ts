export { createSystemClock } from "./system-clock.js";
export { createFixedClock, createSteppingClock, type FixedClock } from "./test-clocks.js";
export { createScaledClock, type ScaledClockOptions } from "./scaled-clock.js";
