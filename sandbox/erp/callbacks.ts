/**
 * Signed callbacks to the app (shipment.created, stock.changed). Each event is written to an
 * outbox table in the same transaction as the change it reports, then POSTed; a failed POST is
 * retried with exponential backoff on the scheduler, and pending events survive a restart.
 */
import { randomUUID } from "node:crypto";
import { isoNow, type Clock } from "./clock";
import { signCallback } from "./callback-signing";
import type { ErpDatabase } from "./db";
import type { Scheduler } from "./scheduler";

/** The events the ERP announces. */
export type CallbackType = "shipment.created" | "stock.changed";

/** Where and how callbacks go. */
export interface CallbackSettings {
  url: string | null;
  secret: string;
  /** How long the app has to answer (default 5 s). */
  timeoutMs: number;
  /** Attempts before an event is given up (default 8). */
  maxAttempts: number;
  /** The first retry waits this long; each next one twice as long (default 1 s). */
  baseDelayMs: number;
}

/** One event in the outbox, as GET /_admin/callbacks lists it. */
export interface CallbackRecord {
  id: string;
  type: CallbackType;
  attempts: number;
  deliveredAt: string | null;
  lastError: string | null;
  body: unknown;
}

interface CallbackRow {
  id: string;
  type: CallbackType;
  body: string;
  attempts: number;
  delivered_at: string | null;
  last_error: string | null;
}

/** The outbox and its delivery loop. */
export class CallbackOutbox {
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly db: ErpDatabase,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly fetchImpl: typeof fetch,
    public settings: CallbackSettings,
  ) {}

  /**
   * Records an event. Call it inside the transaction of the change: the first delivery starts
   * on the next microtask, after the transaction committed (a rolled-back event is skipped).
   */
  record(type: CallbackType, data: unknown): string {
    const id = `evt_${randomUUID()}`;
    const createdAt = isoNow(this.clock);
    const body = JSON.stringify({ id, type, createdAt, data });
    this.db.prepare("INSERT INTO callbacks (id, type, body, created_at) VALUES (?, ?, ?, ?)").run(id, type, body, createdAt);
    this.track(Promise.resolve().then(() => this.attempt(id)));
    return id;
  }

  /** Starts delivery of every event not yet delivered (after a restart or a new callback URL). */
  resumePending(): void {
    const rows = this.db.prepare("SELECT id FROM callbacks WHERE delivered_at IS NULL AND attempts < ? ORDER BY created_at").all(this.settings.maxAttempts) as { id: string }[];
    for (const row of rows) this.track(this.attempt(row.id));
  }

  /** Resolves when no delivery is running at this moment. */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Every event, oldest first. */
  list(): CallbackRecord[] {
    const rows = this.db.prepare("SELECT * FROM callbacks ORDER BY created_at, rowid").all() as CallbackRow[];
    return rows.map((r) => ({ id: r.id, type: r.type, attempts: r.attempts, deliveredAt: r.delivered_at, lastError: r.last_error, body: JSON.parse(r.body) }));
  }

  /** Stops delivering (server closing). */
  close(): void {
    this.closed = true;
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async attempt(id: string): Promise<void> {
    const row = this.db.prepare("SELECT * FROM callbacks WHERE id = ?").get(id) as CallbackRow | undefined;
    const { url, secret, timeoutMs, maxAttempts, baseDelayMs } = this.settings;
    if (!row || row.delivered_at || !url || this.closed) return;
    const timestamp = String(Math.floor(this.clock.now() / 1000));
    let failure: string | null;
    try {
      const response = await this.fetchImpl(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Erp-Event-Id": row.id,
          "X-Erp-Event-Type": row.type,
          "X-Erp-Timestamp": timestamp,
          "X-Erp-Signature": signCallback(secret, timestamp, row.body),
        },
        body: row.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      failure = response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (this.closed) return;
    const attempts = row.attempts + 1;
    this.db
      .prepare("UPDATE callbacks SET attempts = ?, delivered_at = ?, last_error = ? WHERE id = ?")
      .run(attempts, failure ? null : isoNow(this.clock), failure, id);
    if (failure && attempts < maxAttempts) {
      this.scheduler.schedule(baseDelayMs * 2 ** (attempts - 1), () => {
        const retry = this.attempt(id);
        this.track(retry);
        return retry;
      });
    }
  }
}
