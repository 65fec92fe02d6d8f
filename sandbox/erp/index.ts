/** The reference ERP: a stand-in ERP with its own database, fault switches and signed callbacks. */
export { startReferenceErp, type ReferenceErp, type ReferenceErpAdmin, type ReferenceErpOptions } from "./server";
export { manualClock, systemClock, type Clock, type ManualClock } from "./clock";
export { ManualScheduler, timerScheduler, type Scheduler } from "./scheduler";
export { DEMO_SEED, type SeedData } from "./seed";
export { signCallback } from "./callback-signing";
export type { SimulationSwitches } from "./switches";
export type { CallbackRecord } from "./callbacks";
