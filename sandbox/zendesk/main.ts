/**
 * tsx sandbox/zendesk/main.ts: the Zendesk stand-in alone. Env: ZENDESK_SANDBOX_PORT (default
 * 3600), ZENDESK_SANDBOX_AGENT_EMAIL and ZENDESK_SANDBOX_API_TOKEN (default the demo agent
 * agent@example.com / sandbox-zendesk-token). Groups Support and Operations exist from the start.
 */
import { startZendeskSandbox } from "./server";
import { DEFAULT_SEED } from "./store";

const email = process.env.ZENDESK_SANDBOX_AGENT_EMAIL || DEFAULT_SEED.agents[0].email;
const apiToken = process.env.ZENDESK_SANDBOX_API_TOKEN || DEFAULT_SEED.agents[0].apiToken;
const sandbox = await startZendeskSandbox({
  port: Number(process.env.ZENDESK_SANDBOX_PORT || "3600"),
  seed: { agents: [{ email, apiToken }], groups: DEFAULT_SEED.groups },
});
const groups = sandbox.admin.groups().map((g) => `${g.name} (${g.id})`).join(", ");
console.log(`Zendesk stand-in listening on ${sandbox.url} (API: ${sandbox.url}/api/v2, control: ${sandbox.url}/_sandbox; agent ${email}; groups ${groups})`);

const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
