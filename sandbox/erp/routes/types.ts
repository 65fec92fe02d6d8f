import type { CallbackOutbox } from "../callbacks";
import type { Clock } from "../clock";
import type { ErpDatabase } from "../db";
import type { StoreContext } from "../store/context";
import type { SimulationSwitches, SwitchBoard } from "../switches";

/** What route handlers reach beyond the request: the ERP's state and its switches. */
export interface ErpRuntime {
  db: ErpDatabase;
  clock: Clock;
  defaultWarehouse: string;
  callbacks: CallbackOutbox;
  switchBoard: SwitchBoard;
  /** Changes switches; an outage of kind "refused" ends after `restoreAfterMs` when given. */
  applySwitches(partial: Partial<SimulationSwitches>, restoreAfterMs?: number): SimulationSwitches;
  /** Writes the demo seed (or the given data). */
  seed(data?: unknown): void;
}

/** A parsed request as a handler sees it. Handlers are synchronous: they run inside one transaction. */
export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  ctx: StoreContext;
  runtime: ErpRuntime;
}

/** A handler's answer. */
export interface RouteResult {
  status: number;
  body: unknown;
  /** Simulates "committed but never answered": the connection is dropped after the commit. */
  dropConnectionAfterCommit?: boolean;
}

/** One entry of the route table: the single source for the router and the OpenAPI coverage test. */
export interface Route {
  method: "GET" | "POST" | "PATCH";
  /** OpenAPI-style template, e.g. /api/v1/sales-orders/{id}. */
  path: string;
  operationId: string;
  /** api: authenticated, rate-limited and fault-injected; admin: the simulation controls, always reachable. */
  area: "api" | "admin";
  handle(request: RouteRequest): RouteResult;
}
