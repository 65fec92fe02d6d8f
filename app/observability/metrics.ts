/**
 * A small in-process metrics registry: counters, gauges and histograms with labels, rendered in
 * the Prometheus text format (version 0.0.4). One registry per process; the web process and
 * each worker expose their own. Figures only the database knows (queue depth, inbox lag) come
 * from collectors that run when /metrics is scraped (see registerCollector).
 */
type Labels = Record<string, string>;
export type MetricType = "counter" | "gauge" | "histogram";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const escapeLabelValue = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const escapeHelp = (text: string) => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

/** A sample value as Prometheus writes it (NaN and infinities have their own spellings). */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

/** Labels as the text inside {...}, names sorted, so equal label sets share one series. */
function labelKey(labels: Labels, reserved: string[] = []): string {
  return Object.keys(labels)
    .sort()
    .map((name) => {
      if (!LABEL_NAME.test(name) || name.startsWith("__") || reserved.includes(name)) throw new Error(`Invalid metric label name "${name}"`);
      return `${name}="${escapeLabelValue(String(labels[name]))}"`;
    })
    .join(",");
}

const braces = (key: string) => (key ? `{${key}}` : "");

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  samples(): string[];
}

/** A counter or gauge: one number per label set. */
export class Metric implements Family {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: "counter" | "gauge",
  ) {}

  inc(labels: Labels = {}, by = 1) {
    if (this.type === "counter" && by < 0) throw new Error(`Counter ${this.name} cannot go down`);
    const k = labelKey(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }

  set(labels: Labels, value: number) {
    if (this.type === "counter") throw new Error(`Counter ${this.name} can only be incremented`);
    this.values.set(labelKey(labels), value);
  }

  /** Replaces every series at once (scrape-time gauges: label sets that vanished go away). */
  replace(series: [Labels, number][]) {
    if (this.type === "counter") throw new Error(`Counter ${this.name} can only be incremented`);
    this.values.clear();
    for (const [labels, value] of series) this.values.set(labelKey(labels), value);
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }

  samples(): string[] {
    return [...this.values].map(([k, v]) => `${this.name}${braces(k)} ${formatValue(v)}`);
  }
}

interface HistogramSeries {
  /** Observations per bucket (not cumulative; the last slot is above the largest bound). */
  counts: number[];
  sum: number;
  count: number;
}

/** Observations (durations in seconds, sizes) counted into fixed buckets, per label set. */
export class Histogram implements Family {
  readonly type = "histogram" as const;
  private readonly series = new Map<string, HistogramSeries>();
  readonly buckets: number[];

  constructor(
    readonly name: string,
    readonly help: string,
    buckets: number[],
  ) {
    this.buckets = [...new Set(buckets.filter((b) => Number.isFinite(b)))].sort((a, b) => a - b);
    if (this.buckets.length === 0) throw new Error(`Histogram ${name} needs at least one finite bucket`);
  }

  observe(labels: Labels, value: number) {
    const k = labelKey(labels, ["le"]);
    let s = this.series.get(k);
    if (!s) {
      s = { counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
      this.series.set(k, s);
    }
    const index = this.buckets.findIndex((bound) => value <= bound);
    s.counts[index === -1 ? this.buckets.length : index] += 1;
    s.sum += value;
    s.count += 1;
  }

  /** Starts a clock; calling the result observes the seconds elapsed with these labels. */
  startTimer(): (labels: Labels) => number {
    const started = process.hrtime.bigint();
    return (labels) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.observe(labels, seconds);
      return seconds;
    };
  }

  /** Count and sum for one label set, for tests and benchmarks. */
  get(labels: Labels = {}): { count: number; sum: number } {
    const s = this.series.get(labelKey(labels, ["le"]));
    return { count: s?.count ?? 0, sum: s?.sum ?? 0 };
  }

  samples(): string[] {
    const lines: string[] = [];
    for (const [k, s] of this.series) {
      const prefix = k ? `${k},` : "";
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += s.counts[i];
        lines.push(`${this.name}_bucket{${prefix}le="${formatValue(bound)}"} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket{${prefix}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum${braces(k)} ${formatValue(s.sum)}`);
      lines.push(`${this.name}_count${braces(k)} ${s.count}`);
    }
    return lines;
  }
}

const registry = new Map<string, Family>();
/** Every sample name a family writes, so no two families write the same series name. */
const sampleNames = new Map<string, string>();

function namesOf(name: string, type: MetricType) {
  return type === "histogram" ? [name, `${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
}

function register<F extends Family>(name: string, type: MetricType, create: () => F): F {
  const known = registry.get(name);
  if (known) {
    if (known.type !== type) throw new Error(`Metric ${name} is already registered as a ${known.type}`);
    return known as F;
  }
  if (!METRIC_NAME.test(name)) throw new Error(`Invalid metric name "${name}"`);
  for (const sample of namesOf(name, type)) {
    const owner = sampleNames.get(sample);
    if (owner) throw new Error(`Metric ${name} would write ${sample}, which ${owner} already writes`);
  }
  const family = create();
  registry.set(name, family);
  for (const sample of namesOf(name, type)) sampleNames.set(sample, name);
  return family;
}

export const counter = (name: string, help: string) => register(name, "counter", () => new Metric(name, help, "counter"));
export const gauge = (name: string, help: string) => register(name, "gauge", () => new Metric(name, help, "gauge"));
export const histogram = (name: string, help: string, buckets: number[]) => register(name, "histogram", () => new Histogram(name, help, buckets));

/** Bounds for calls to outside systems, in seconds. */
export const CALL_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Bounds for jobs, which may wait on several calls and on rate limits, in seconds. */
export const JOB_SECONDS_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** Every metric in the Prometheus text exposition format (one HELP and TYPE per family). */
export function renderMetrics(): string {
  const lines: string[] = [];
  for (const family of registry.values()) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`, ...family.samples());
  }
  return lines.join("\n") + "\n";
}

/** Work that sets scrape-time gauges, e.g. from database counts. */
export type Collector = () => Promise<void>;

const collectors = new Map<string, Collector>();
const collectorUp = gauge("erp_bridge_scrape_collector_success", "1 when the collector's figures were read at this scrape, 0 when it failed or timed out");
const collectorSeconds = gauge("erp_bridge_scrape_collector_duration_seconds", "How long each collector took at the last scrape");

/** Registers (or replaces, by name) a collector run at each scrape. */
export function registerCollector(name: string, collect: Collector) {
  collectors.set(name, collect);
}

/**
 * Runs every collector in parallel, each within `timeoutMs`. A failing collector leaves its
 * gauges as they were and says so in erp_bridge_scrape_collector_success; the scrape goes on.
 */
export async function collectMetrics(timeoutMs = 5_000): Promise<{ failed: string[] }> {
  const failed: string[] = [];
  await Promise.all(
    [...collectors].map(async ([name, collect]) => {
      const started = process.hrtime.bigint();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([collect(), timeout]);
        collectorUp.set({ collector: name }, 1);
      } catch {
        failed.push(name);
        collectorUp.set({ collector: name }, 0);
      } finally {
        clearTimeout(timer);
        collectorSeconds.set({ collector: name }, Number(process.hrtime.bigint() - started) / 1e9);
      }
    }),
  );
  return { failed };
}
