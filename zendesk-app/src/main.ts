/** Entry point: connect to Zendesk, then hand over to the sidebar or say why it cannot start. */
import { startSidebar } from "./app";
import { createBackend } from "./backend";
import { errorMessage } from "./errors";
import { t } from "./strings";
import { errorView, messageView } from "./views/states";
import { connect, keepSized, readTicket } from "./zendesk";

async function main(root: HTMLElement) {
  const installation = await connect();
  if (!installation) {
    root.replaceChildren(messageView(t.notInZendesk));
    return;
  }
  const { client, backendUrl, subdomain } = installation;
  keepSized(client);
  if (!backendUrl) {
    root.replaceChildren(messageView(t.missingBackendUrl));
    return;
  }
  const ticket = await readTicket(client);
  if (!ticket.requesterEmail && !ticket.orderName) {
    root.replaceChildren(messageView(t.noCustomer));
    return;
  }
  // Context for the backend's logs only: Zendesk signs whatever the app sends, so these never authorise anything.
  const claims = { iss: subdomain ? `${subdomain}.zendesk.com` : "zendesk", ticket_id: ticket.ticketId };
  startSidebar(root, createBackend(client, backendUrl, claims), ticket);
}

const root = document.getElementById("app");
if (root) {
  main(root).catch((error: unknown) => {
    root.replaceChildren(errorView(errorMessage(error), null));
  });
}
