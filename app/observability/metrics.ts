/**
 * A small in-process metrics registry: counters and gauges with labels, rendered in the
 * Prometheus text format. One registry per process; workers and web processes each expose
 * their own.
 */
type Labels = Record<string, string>;

const key = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}="${String(labels[k]).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`)
    .join(",");

class Metric {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: "counter" | "gauge",
  ) {}

  inc(labels: Labels = {}, by = 1) {
    const k = key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }

  set(labels: Labels, value: number) {
    this.values.set(key(labels), value);
  }

  get(labels: Labels = {}): number {
    return this.values.get(key(labels)) ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    for (const [k, v] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ""} ${v}`);
    return lines.join("\n");
  }
}

const registry = new Map<string, Metric>();

function metric(name: string, help: string, type: "counter" | "gauge"): Metric {
  let m = registry.get(name);
  if (!m) {
    m = new Metric(name, help, type);
    registry.set(name, m);
  }
  return m;
}

export const counter = (name: string, help: string) => metric(name, help, "counter");
export const gauge = (name: string, help: string) => metric(name, help, "gauge");

/** Every metric in the Prometheus text exposition format. */
export function renderMetrics(): string {
  return [...registry.values()].map((m) => m.render()).join("\n") + "\n";
}
