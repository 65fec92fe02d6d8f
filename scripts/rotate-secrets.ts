/**
 * npm run secrets:rotate
 * Re-seals every stored connection secret under the current key (APP_SECRETS_KEY +
 * APP_SECRETS_KEY_ID), reading older rows with APP_SECRETS_PREVIOUS_KEYS, in $DATABASE_URL
 * (SQLite or PostgreSQL). Prints counts only, never a secret; exits 1 when a row failed or a
 * stored key id has no key (nothing is changed then).
 */
import { ConfigError } from "../app/config.server";
import { createDb } from "../app/db/client.server";
import { rotateSecrets } from "../app/security/rotate-secrets.server";
import { secretsKeyring } from "../app/security/secrets.server";

const batchSize = Number(process.env.SECRETS_ROTATE_BATCH ?? 100);
const db = createDb(process.env.DATABASE_URL);
let exitCode = 0;
try {
  const keyring = secretsKeyring();
  console.log(`rotating to key id "${keyring[0]!.id}" (${keyring.length - 1} previous key${keyring.length === 2 ? "" : "s"} configured)`);
  const counts = await rotateSecrets(db, keyring, {
    batchSize: Number.isInteger(batchSize) && batchSize > 0 ? batchSize : 100,
    onFailure: (id, reason) => console.error(`connection ${id}: ${reason}`),
  });
  console.log(`rotated=${counts.rotated} already_current=${counts.alreadyCurrent} failed=${counts.failed}`);
  if (counts.failed > 0) exitCode = 1;
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  exitCode = 1;
} finally {
  await db.$disconnect();
}
process.exit(exitCode);
