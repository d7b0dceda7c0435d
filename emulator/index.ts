export { startEmulator, type RunningEmulator } from "./server";
export { EmulatorControl, type EmulatedKey, type FaultRuleInput } from "./controlClient";
export { VirtualClock, type Clock } from "./clock";
export type { EmulatorOptions, Limits, Behaviour } from "./options";
export type { FaultRule } from "./faults";
export type { LoggedRequest } from "./requestLog";
