export { ManualScheduler, timerScheduler, type Scheduler } from "../../time/scheduler";
