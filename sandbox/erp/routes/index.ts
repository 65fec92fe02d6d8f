import { adminRoutes } from "./admin-routes";
import { apiRoutes } from "./api-routes";
import type { Route } from "./types";

export type { ErpRuntime, Route, RouteRequest, RouteResult } from "./types";

/** The route table: the router dispatches from it and the OpenAPI coverage test reads it. */
export const routes: readonly Route[] = [...apiRoutes, ...adminRoutes];

/** The route and path parameters for a request, or why none matched (404 no path, 405 wrong method). */
export function matchRoute(method: string, pathname: string): { route: Route; params: Record<string, string> } | { miss: 404 | 405 } {
  let pathMatched = false;
  for (const route of routes) {
    const params = matchTemplate(route.path, pathname);
    if (!params) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return { miss: pathMatched ? 405 : 404 };
}

function matchTemplate(template: string, pathname: string): Record<string, string> | null {
  const want = template.split("/");
  const got = pathname.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const name = /^\{(\w+)\}$/.exec(want[i])?.[1];
    if (name) {
      if (!got[i]) return null;
      params[name] = decodeURIComponent(got[i]);
    } else if (want[i] !== got[i]) return null;
  }
  return params;
}
