/**
 * The flow handlers the production worker runs. The order flow registers here when it lands;
 * until then the worker dispatches the inbox and leaves the jobs waiting in their queues.
 */
import { FlowRegistry } from "./registry";

export function productionFlowHandlers(): FlowRegistry {
  return new FlowRegistry();
}
