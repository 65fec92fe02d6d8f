/**
 * The agent page a ZAF app lives in, as Zendesk plays it: it iframes the app with ?origin and
 * ?app_guid, and answers the SDK's postMessage protocol (zendesk_app_framework_sdk lib/client.js):
 *  - {key: "iframe.handshake"}            -> {key: "zaf.app.registered", message: {metadata, context}}
 *  - {id, request: "get", params: [paths]} -> {id, result: {<path>: value, errors: {<path>: {message}}}}
 *  - {id, request: "invoke", params: {resize: [{height}]}} -> resizes the iframe, {id, result}
 *  - {key: "request:<n>", message: options} -> the server-side proxy, then
 *    {key: "zaf.request:<n>.done" | ".fail", message: {responseArgs}}
 *  - {key: "iframe.on:*" | "iframe.off:*"} -> bookkeeping Zendesk does for events; nothing to answer here.
 * Every message either way is kept in window.__zafHost for the tests to read.
 */

export interface HostPageConfig {
  appOrigin: string;
  appUrl: string;
  appGuid: string;
  metadata: Record<string, unknown>;
  context: Record<string, unknown>;
  values: Record<string, unknown>;
  proxyPath: string;
}

export function hostPage(config: HostPageConfig): string {
  // JSON inside <script>: "<" escaped so no value can close the tag.
  const json = JSON.stringify(config).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Ticket — Zendesk Support (local host)</title>
<style>body{font:14px system-ui;margin:0;display:flex}#ticket{flex:1;padding:12px}#sidebar{width:340px;border-left:1px solid #ccc}iframe{border:0;width:100%;height:80px;display:block}</style>
</head>
<body>
<section id="ticket" aria-label="Ticket"><h1 id="ticket-subject"></h1><p id="ticket-description"></p></section>
<aside id="sidebar" aria-label="Apps"></aside>
<script>
(function () {
  const config = ${json};
  const host = (window.__zafHost = { received: [], sent: [], resizes: [] });
  document.getElementById("ticket-subject").textContent = config.values["ticket.subject"] || "";
  document.getElementById("ticket-description").textContent = config.values["ticket.description"] || "";
  const frame = document.createElement("iframe");
  frame.id = "zaf-app";
  frame.title = "ERP Bridge app";

  function send(message) {
    host.sent.push(message);
    frame.contentWindow.postMessage(JSON.stringify(message), config.appOrigin);
  }

  function get(paths) {
    const result = { errors: {} };
    for (const path of paths) {
      if (Object.prototype.hasOwnProperty.call(config.values, path)) result[path] = config.values[path];
      else result.errors[path] = { message: "No such Api" };
    }
    return result;
  }

  function invoke(calls) {
    const result = { errors: {} };
    for (const name of Object.keys(calls)) {
      const args = calls[name] || [];
      if (name === "resize") {
        const size = args[0] || {};
        host.resizes.push(size);
        if (size.height !== undefined) frame.style.height = typeof size.height === "number" ? size.height + "px" : String(size.height);
        result[name] = null;
      } else {
        result.errors[name] = { message: "No such Api" };
      }
    }
    return result;
  }

  async function proxy(key, options) {
    let answer;
    try {
      const response = await fetch(config.proxyPath, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(options),
      });
      answer = await response.json();
    } catch (error) {
      answer = { ok: false, responseArgs: [{ readyState: 0, status: 0, statusText: "error", responseText: "" }, "error", String(error)] };
    }
    send({ key: "zaf." + key + (answer.ok ? ".done" : ".fail"), message: { responseArgs: answer.responseArgs }, instanceGuid: config.appGuid });
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== config.appOrigin || event.source !== frame.contentWindow) return;
    let data = event.data;
    if (typeof data === "string") {
      try { data = JSON.parse(data); } catch (error) { return; }
    }
    if (!data || typeof data !== "object") return;
    host.received.push(data);
    if (data.key === "iframe.handshake") {
      send({ key: "zaf.app.registered", message: { metadata: config.metadata, context: config.context }, instanceGuid: config.appGuid });
    } else if (data.request === "get") {
      send({ id: data.id, result: get(data.params || []) });
    } else if (data.request === "invoke") {
      send({ id: data.id, result: invoke(data.params || {}) });
    } else if (data.request === "set") {
      const errors = {};
      for (const path of Object.keys(data.params || {})) errors[path] = { message: "No such Api" };
      send({ id: data.id, result: { errors: errors } });
    } else if (typeof data.key === "string" && /^request:\\d+$/.test(data.key)) {
      proxy(data.key, data.message || {});
    }
  });

  // The listener exists before the app can say hello.
  frame.src = config.appUrl;
  document.getElementById("sidebar").appendChild(frame);
})();
</script>
</body>
</html>`;
}
