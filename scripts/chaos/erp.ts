/**
 * The reference ERP on a SQLite file, so it can go down (its server stopped: connections refused,
 * hanging requests cut) and come back on the same port with the same database. Its fault
 * switches are set again after each start.
 */
import { DEMO_SEED, startReferenceErp, type ReferenceErp, type SimulationSwitches } from "../../sandbox/erp";
import { freePort } from "../lib/processes";

export const ERP_API_KEY = "chaos-erp-key";

export interface RestartableErp {
  url: string;
  /** The running ERP, or null while it is down. */
  current(): ReferenceErp | null;
  down(): Promise<void>;
  up(): Promise<void>;
  /** Sales orders per external reference (the Shopify order id), read from its database file. */
  salesOrderCounts(): Map<string, number>;
  /** Faults injected so far (500 answers, hung requests), across restarts. */
  faults(): { errors: number; hangs: number };
  close(): Promise<void>;
}

/**
 * Dice for the ERP's fault switch that also count what they decided: with a fault rate set, the
 * switch board draws once per request and, below the rate, once more for the kind (< 0.5 a 500,
 * else a hang; sandbox/erp/switches.ts).
 */
function countingDice(rate: number) {
  const faults = { errors: 0, hangs: 0 };
  let kindNext = false;
  const random = () => {
    const r = Math.random();
    if (kindNext) {
      kindNext = false;
      if (r < 0.5) faults.errors += 1;
      else faults.hangs += 1;
    } else kindNext = r < rate;
    return r;
  };
  return { random, faults };
}

export async function startRestartableErp(dbPath: string, switches: Partial<SimulationSwitches>): Promise<RestartableErp> {
  const port = await freePort();
  const dice = countingDice(switches.faultRate ?? 0);
  let erp: ReferenceErp | null = await startReferenceErp({ port, apiKey: ERP_API_KEY, dbPath, seed: DEMO_SEED, random: dice.random });
  await erp.admin.setSwitches(switches);
  let lastCounts = new Map<string, number>();
  return {
    url: `http://127.0.0.1:${port}`,
    current: () => erp,
    async down() {
      const running = erp;
      erp = null;
      await running?.close();
    },
    async up() {
      if (erp) return;
      erp = await startReferenceErp({ port, apiKey: ERP_API_KEY, dbPath, random: dice.random });
      await erp.admin.setSwitches(switches);
    },
    salesOrderCounts() {
      if (!erp) return lastCounts;
      const rows = erp.db.prepare("SELECT external_reference AS ref, COUNT(*) AS n FROM sales_orders GROUP BY external_reference").all() as { ref: string; n: number }[];
      lastCounts = new Map(rows.map((r) => [r.ref, r.n]));
      return lastCounts;
    },
    faults: () => ({ ...dice.faults }),
    async close() {
      await erp?.close();
      erp = null;
    },
  };
}
