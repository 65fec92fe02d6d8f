import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SandboxServices } from "./services";
import { sessionTokenFor } from "./session-token";

/**
 * A stand-in for the Shopify admin that embeds the app: the app's URL loads in #app-iframe with
 * the query Shopify sends (embedded, host, shop, id_token, hmac), and /app-bridge.js gives the
 * app `shopify.idToken()`, Bearer-authorised fetch and the session-token bounce, as App Bridge
 * does.
 */
export function embeddedAppUrl(services: SandboxServices, shop: string, path = "/app"): string {
  const host = Buffer.from(`admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}`).toString("base64url");
  const params = new URLSearchParams({
    embedded: "1",
    host,
    id_token: sessionTokenFor(shop, services.app, services.clock.now()),
    locale: "en",
    shop,
    timestamp: String(Math.floor(services.clock.now() / 1000)),
  });
  const message = [...params.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join("&");
  params.set("hmac", createHmac("sha256", services.app.apiSecret).update(message).digest("hex"));
  return `${new URL(path, services.appUrl).toString()}?${params}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The admin page: the app in #app-iframe, and the admin's side of App Bridge: it answers the
 * app's session token requests (postMessage) with fresh tokens, as Shopify's admin does.
 */
export function adminPageHtml(services: SandboxServices, shop: string): string {
  const src = escapeHtml(embeddedAppUrl(services, shop));
  const appOrigin = new URL(services.appUrl).origin;
  const tokenUrl = `/_sandbox/shops/${encodeURIComponent(shop)}/session-token`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(shop)} · Sandbox Shopify admin</title>
<style>body{margin:0;font-family:system-ui,sans-serif}header{padding:10px 16px;background:#1a1a1a;color:#e3e3e3;height:20px}
header strong{color:#fff;margin-right:12px}main{display:flex;height:calc(100vh - 40px)}
nav{width:200px;background:#ebebeb;padding:12px 8px;box-sizing:border-box}nav button{display:block;width:100%;text-align:left;border:0;
background:none;padding:6px 8px;border-radius:6px;font:inherit;cursor:pointer}nav button:hover{background:#fafafa}
iframe{border:0;flex:1;height:100%;display:block;background:#f1f1f1}</style>
</head><body><header><strong>Sandbox Shopify admin</strong>${escapeHtml(shop)}</header>
<main><nav aria-label="App navigation" id="app-nav"></nav>
<iframe id="app-iframe" name="app-iframe" src="${src}" title="App"></iframe></main>
<script>
const appOrigin = ${JSON.stringify(appOrigin)};
const frame = document.getElementById("app-iframe");
window.addEventListener("message", async (event) => {
  if (event.origin !== appOrigin) return;
  const data = event.data || {};
  if (data.type === "sandbox:navMenu") {
    const nav = document.getElementById("app-nav");
    nav.replaceChildren(...data.links.map((link) => {
      const button = document.createElement("button");
      button.textContent = link.label;
      button.addEventListener("click", () => frame.contentWindow.postMessage({ type: "sandbox:navigate", href: link.href }, appOrigin));
      return button;
    }));
    return;
  }
  if (data.type !== "sandbox:idToken") return;
  try {
    const res = await fetch(${JSON.stringify(tokenUrl)}, { method: "POST" });
    const { token } = await res.json();
    event.source.postMessage({ type: "sandbox:idToken:result", id: data.id, token }, event.origin);
  } catch (error) {
    event.source.postMessage({ type: "sandbox:idToken:result", id: data.id, error: String(error) }, event.origin);
  }
});
</script></body></html>`;
}

const APP_BRIDGE_JS = readFileSync(fileURLToPath(new URL("./app-bridge.js", import.meta.url)), "utf8");

/** The App Bridge stand-in (app-bridge.js beside this file), served to the app at /app-bridge.js. */
export function appBridgeScript(): string {
  return APP_BRIDGE_JS;
}
