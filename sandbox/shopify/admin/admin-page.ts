/**
 * The sandbox's stand-in for the Shopify admin page that embeds the app: an iframe on the app
 * URL with the parameters Shopify adds (embedded, shop, host, id_token, ...), and a listener
 * that answers App Bridge's session token requests with fresh tokens minted by the sandbox.
 */
export interface AdminPageOptions {
  shop: string;
  apiKey: string;
  appUrl: string;
  /** Path inside the app to open, e.g. /app. */
  path: string;
  /** A fresh session token for the shop (HS256 with the app secret). */
  sessionToken: string;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The URL Shopify's admin loads in the app iframe. */
export function embeddedAppUrl(options: AdminPageOptions): string {
  const storeHandle = options.shop.replace(/\.myshopify\.com$/, "");
  const url = new URL(options.path.startsWith("/") ? options.path : `/${options.path}`, options.appUrl);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("host", Buffer.from(`admin.shopify.com/store/${storeHandle}`).toString("base64url"));
  url.searchParams.set("id_token", options.sessionToken);
  url.searchParams.set("locale", "en");
  url.searchParams.set("shop", options.shop);
  url.searchParams.set("timestamp", String(Math.floor(Date.now() / 1000)));
  return url.toString();
}

export function adminPageHtml(options: AdminPageOptions): string {
  const appOrigin = new URL(options.appUrl).origin;
  const tokenUrl = `/admin/${encodeURIComponent(options.shop)}/apps/${encodeURIComponent(options.apiKey)}/session-token`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(options.shop)} · Sandbox Shopify admin</title>
<style>
  body { margin: 0; font: 14px system-ui, sans-serif; background: #1a1a1a; }
  header { color: #e3e3e3; padding: 10px 16px; display: flex; gap: 12px; align-items: center; }
  header strong { color: #fff; }
  iframe { border: 0; width: 100%; height: calc(100vh - 40px); background: #f1f1f1; display: block; }
</style>
</head>
<body>
<header><strong>Sandbox Shopify admin</strong><span>${escapeHtml(options.shop)}</span></header>
<iframe id="app-iframe" name="app-iframe" title="App" src="${escapeHtml(embeddedAppUrl(options))}"></iframe>
<script>
  window.addEventListener("message", async (event) => {
    if (event.origin !== ${JSON.stringify(appOrigin)}) return;
    const data = event.data || {};
    if (data.type !== "sandbox:idToken") return;
    try {
      const res = await fetch(${JSON.stringify(tokenUrl)}, { method: "POST" });
      const { token } = await res.json();
      event.source.postMessage({ type: "sandbox:idToken:result", id: data.id, token }, event.origin);
    } catch (error) {
      event.source.postMessage({ type: "sandbox:idToken:result", id: data.id, error: String(error) }, event.origin);
    }
  });
</script>
</body>
</html>`;
}
