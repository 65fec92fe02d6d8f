/**
 * The block's calls to the app backend. Relative URLs resolve against the app's URL and the
 * admin adds the staff member's ID token to them, so no token is handled here.
 */
import { failureWords, type OrderErpStatusAnswer, type SyncStateView, type Words } from "./status-view";

export type Outcome<T> = { ok: true; value: T } | { ok: false; words: Words };

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

async function call<T>(fetcher: Fetch, path: string, init?: RequestInit): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetcher(path, { ...init, headers: { Accept: "application/json" } });
  } catch {
    return { ok: false, words: { key: "error.network" } };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok || body === null) return { ok: false, words: failureWords(response.status, body) };
  return { ok: true, value: body as T };
}

export function fetchErpStatus(orderId: string, fetcher: Fetch = fetch): Promise<Outcome<OrderErpStatusAnswer>> {
  return call(fetcher, `/api/orders/${encodeURIComponent(orderId)}/erp-status`);
}

export async function retrySync(orderId: string, fetcher: Fetch = fetch): Promise<Outcome<SyncStateView>> {
  const outcome = await call<{ sync: SyncStateView }>(fetcher, `/api/orders/${encodeURIComponent(orderId)}/retry-sync`, { method: "POST" });
  return outcome.ok ? { ok: true, value: outcome.value.sync } : outcome;
}
