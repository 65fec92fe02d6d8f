// Sandbox stand-in for Shopify's App Bridge (cdn.shopify.com/shopifycloud/app-bridge.js), which
// cannot be loaded offline. It does the parts an embedded app relies on, the way App Bridge
// does them: session tokens come from the embedding admin (the parent window) on request;
// same-origin fetches carry `Authorization: Bearer <session token>`; the auth bounce page
// (/auth/session-token?shopify-reload=...) reloads with a fresh id_token; shopify.toast shows
// messages.
(function () {
  "use strict";
  var script = document.currentScript;
  var apiKey = script && script.getAttribute("data-api-key");
  var params = new URLSearchParams(window.location.search);
  var pending = new Map();
  var nextId = 1;

  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type !== "sandbox:idToken:result" || !pending.has(data.id)) return;
    var entry = pending.get(data.id);
    pending.delete(data.id);
    if (data.token) entry.resolve(data.token);
    else entry.reject(new Error(data.error || "no session token"));
  });

  function idToken() {
    return new Promise(function (resolve, reject) {
      if (window.parent === window) return reject(new Error("The app is not embedded in the admin."));
      var id = nextId++;
      pending.set(id, { resolve: resolve, reject: reject });
      window.parent.postMessage({ type: "sandbox:idToken", id: id, apiKey: apiKey }, "*");
      setTimeout(function () {
        if (pending.has(id)) {
          pending.delete(id);
          reject(new Error("The admin did not answer the session token request."));
        }
      }, 5000);
    });
  }

  // Toasts stack upwards from the bottom centre, newest lowest, as the admin shows them.
  function toastStack() {
    var stack = document.getElementById("sandbox-toasts");
    if (stack) return stack;
    stack = document.createElement("div");
    stack.id = "sandbox-toasts";
    stack.style.cssText =
      "position:fixed;bottom:16px;left:50%;transform:translateX(-50%);display:flex;flex-direction:column;gap:8px;align-items:center;z-index:99999";
    document.body.appendChild(stack);
    return stack;
  }

  function toast(message, options) {
    var box = document.createElement("div");
    box.setAttribute("role", "status");
    box.className = "sandbox-toast" + (options && options.isError ? " sandbox-toast--error" : "");
    box.textContent = message;
    box.style.cssText =
      "padding:8px 16px;border-radius:8px;color:#fff;font:14px sans-serif;background:" + (options && options.isError ? "#8e1f0b" : "#303030");
    toastStack().appendChild(box);
    setTimeout(function () { box.remove(); }, (options && options.duration) || 5000);
  }

  var originalFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url, window.location.href);
    if (url.origin !== window.location.origin) return originalFetch(input, init);
    return idToken().then(function (token) {
      var headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
      headers.set("Authorization", "Bearer " + token);
      return originalFetch(input, Object.assign({}, init, { headers: headers }));
    });
  };

  // <ui-nav-menu>: App Bridge hides it and shows its links in the admin's navigation; a click
  // there comes back as a `shopify:navigate` event on the link, which the app's router follows.
  function publishNavMenu(menu) {
    var links = Array.prototype.map.call(menu.querySelectorAll("a"), function (a) {
      return { href: a.getAttribute("href"), label: (a.textContent || "").trim(), home: a.getAttribute("rel") === "home" };
    });
    if (window.parent !== window) window.parent.postMessage({ type: "sandbox:navMenu", links: links }, "*");
  }
  if (window.customElements && !window.customElements.get("ui-nav-menu")) {
    window.customElements.define(
      "ui-nav-menu",
      class extends HTMLElement {
        connectedCallback() {
          this.style.display = "none";
          publishNavMenu(this);
          new MutationObserver(() => publishNavMenu(this)).observe(this, { subtree: true, childList: true, attributes: true, characterData: true });
        }
      },
    );
  }
  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (event.source !== window.parent || data.type !== "sandbox:navigate") return;
    var link = Array.prototype.find.call(document.querySelectorAll("ui-nav-menu a"), function (a) {
      return a.getAttribute("href") === data.href;
    });
    if (link) link.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
  });

  window.shopify = {
    config: { apiKey: apiKey, shop: params.get("shop"), host: params.get("host"), locale: params.get("locale") || "en" },
    idToken: idToken,
    toast: { show: toast },
    loading: function () {},
    sandbox: true,
  };

  var reload = params.get("shopify-reload");
  if (reload && /\/session-token$/.test(window.location.pathname)) {
    idToken().then(function (token) {
      var target = new URL(reload, window.location.href);
      if (target.origin !== window.location.origin) throw new Error("refusing to reload to another origin");
      target.searchParams.set("id_token", token);
      window.location.replace(target.toString());
    });
  }
})();
