/**
 * ERP coexistence: which ERP connection serves each flow of a shop. While a retailer moves from
 * one ERP to another, orders may post to one while stock comes from the other, and a shadow ERP
 * may receive copies of orders to compare (see app/flows/dual-run). A location-specific route
 * wins over the every-location one; with no route, the shop's active ERP connection serves.
 */
import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { activeErpConnection, openConnection, type ConnectionRow, type OpenedConnection } from "./connections.server";
import { DUAL_RUN_FLOWS, ERP_FLOW_LABELS, ERP_FLOWS, routeField, type ErpFlow, type ErpRouteRole } from "./erp-flows";

export type { ErpFlow, ErpRouteRole };

/** The locationId of a route for every location (NULL would not collide in the unique key). */
export const EVERY_LOCATION = "*";

export interface ErpRouteResolution {
  primary: OpenedConnection;
  /** Active shadow connections; a disabled shadow means the dual run is paused, so it is left out. */
  shadows: OpenedConnection[];
  /** True when a route chose the primary; false when it is the shop's active ERP connection. */
  routed: boolean;
}

type RouteRow = { role: string; locationId: string; connectionId: string; connection: ConnectionRow & { status: string } };

/** The connections serving a flow (at a Shopify location, for flows that have one). */
export async function routeFor(db: Db, shopId: string, flow: ErpFlow, options: { locationId?: string | null } = {}): Promise<ErpRouteResolution> {
  const locations = options.locationId ? [options.locationId, EVERY_LOCATION] : [EVERY_LOCATION];
  const rows: RouteRow[] = await db.erpRoute.findMany({ where: { shopId, flow, locationId: { in: locations } }, include: { connection: true } });
  const pick = (role: ErpRouteRole) =>
    rows.find((r) => r.role === role && r.locationId !== EVERY_LOCATION) ?? rows.find((r) => r.role === role && r.locationId === EVERY_LOCATION);

  const primaryRow = pick("primary");
  const primary = primaryRow ? serving(flow, primaryRow.connection) : await activeErpConnection(db, shopId);
  const shadowRow = pick("shadow");
  const shadows =
    shadowRow && shadowRow.connection.status === "active" && shadowRow.connectionId !== primary.id ? [openConnection(shadowRow.connection)] : [];
  return { primary, shadows, routed: Boolean(primaryRow) };
}

function serving(flow: ErpFlow, connection: RouteRow["connection"]): OpenedConnection {
  if (connection.status !== "active") {
    throw new AppError(
      "mapping",
      `${ERP_FLOW_LABELS[flow]} are routed to the ERP connection "${connection.name}", which is ${connection.status}: activate it or change the route in ERP routing`,
      { details: { flow, connectionId: connection.id, connectionName: connection.name } },
    );
  }
  return openConnection(connection);
}

/** One route as a form gives it. */
export interface ErpRouteInput {
  flow: string;
  role: string;
  connectionId: string;
}

export type SaveRoutesResult = { ok: true; saved: number } | { ok: false; errors: Record<string, string> };

/** The form field of a flow's role, which is also the key of its error. */

/**
 * Replaces the shop's routes for one location (default: every location) with these, or
 * changes nothing and says what is wrong, field by field.
 */
export async function saveRoutes(db: Db, shopId: string, routes: ErpRouteInput[], options: { locationId?: string } = {}): Promise<SaveRoutesResult> {
  const locationId = options.locationId ?? EVERY_LOCATION;
  const errors = await routeErrors(db, shopId, routes);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  await db.$transaction([
    db.erpRoute.deleteMany({ where: { shopId, locationId } }),
    ...routes.map((r) => db.erpRoute.create({ data: { shopId, flow: r.flow, role: r.role, connectionId: r.connectionId, locationId } })),
  ]);
  return { ok: true, saved: routes.length };
}

async function routeErrors(db: Db, shopId: string, routes: ErpRouteInput[]): Promise<Record<string, string>> {
  const erps = await db.connection.findMany({ where: { shopId, kind: "erp", id: { in: routes.map((r) => r.connectionId) } }, select: { id: true } });
  const known = new Set(erps.map((c) => c.id));
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  for (const route of routes) {
    const field = routeField(route.flow, route.role);
    const flow = route.flow as ErpFlow;
    if (!(ERP_FLOWS as readonly string[]).includes(route.flow)) errors[field] = `"${route.flow}" is not a flow that can be routed`;
    else if (route.role !== "primary" && route.role !== "shadow") errors[field] = `"${route.role}" is neither primary nor shadow`;
    else if (seen.has(field)) errors[field] = `${ERP_FLOW_LABELS[flow]} can have one ${route.role} ERP`;
    else if (!known.has(route.connectionId)) errors[field] = "Choose one of this shop's ERP connections";
    else if (route.role === "shadow") {
      const primary = routes.find((r) => r.flow === route.flow && r.role === "primary");
      if (!DUAL_RUN_FLOWS.includes(flow)) errors[field] = `${ERP_FLOW_LABELS[flow]} cannot be shadowed: only orders are compared in a dual run`;
      else if (!primary) errors[field] = `Choose the primary ERP for ${ERP_FLOW_LABELS[flow].toLowerCase()} before a shadow`;
      else if (primary.connectionId === route.connectionId) errors[field] = "The shadow must be a different ERP from the primary";
    }
    seen.add(field);
  }
  return errors;
}

/** The shop's routes for one location, for the routing form. */
export function listRoutes(db: Db, shopId: string, locationId: string = EVERY_LOCATION) {
  return db.erpRoute.findMany({ where: { shopId, locationId }, select: { flow: true, role: true, connectionId: true } });
}

/** A connection of the shop that serves a flow now: a "mapping" error when it is not active. */
export async function servingConnection(db: Db, shopId: string, flow: ErpFlow, connectionId: string): Promise<OpenedConnection> {
  const row = await db.connection.findFirst({ where: { id: connectionId, shopId, kind: "erp" } });
  if (!row) throw new AppError("not_found", `The ERP connection ${connectionId} no longer exists`, { details: { flow, connectionId } });
  return serving(flow, row);
}
