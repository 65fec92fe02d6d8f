/** Which handler runs each flow's jobs: flow name -> handler(job, ctx). */
import type { Db } from "~/db/client.server";
import type { QueueLog } from "./log";
import type { JobContext, JobQueue, QueuedJob } from "./port";
import type { ErpThroughput } from "./throughput";

/** What a flow handler gets besides its job: the database, the queue (for follow-up jobs), ERP throughput limits, the log. */
export interface FlowContext extends JobContext {
  db: Db;
  queue: JobQueue;
  throughput: ErpThroughput;
  log: QueueLog;
}

/**
 * Runs one job of a flow. Throw an AppError to say what went wrong: transient classes are
 * retried, the others quarantined. `details` may carry sourceType, sourceId, sourceName and
 * businessImpact for the exception a person will read.
 */
export type FlowHandler = (job: QueuedJob, ctx: FlowContext) => Promise<void>;

export class FlowRegistry {
  private readonly handlers = new Map<string, FlowHandler>();

  /** Registers the handler of a flow; one per flow. */
  register(flow: string, handler: FlowHandler): this {
    if (this.handlers.has(flow)) throw new Error(`flow "${flow}" already has a handler`);
    this.handlers.set(flow, handler);
    return this;
  }

  get(flow: string): FlowHandler | undefined {
    return this.handlers.get(flow);
  }

  /** The flows with a handler: the queues this worker consumes. */
  flows(): string[] {
    return [...this.handlers.keys()];
  }
}
