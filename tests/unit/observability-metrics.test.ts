import { describe, expect, it } from "vitest";
import { collectMetrics, counter, gauge, histogram, registerCollector, renderMetrics } from "~/observability/metrics";
import "~/observability/instruments";
import "~/observability/app-collectors.server";
import "~/webhooks/metrics";
import { parsePrometheusText, sampleValue } from "./observability-prom-parser";

describe("histograms", () => {
  it("render cumulative _bucket lines with le, a +Inf bucket, _sum and _count", () => {
    const h = histogram("test_render_seconds", "A test histogram", [1, 0.1, 0.5]);
    h.observe({ flow: "orders" }, 0.05);
    h.observe({ flow: "orders" }, 0.3);
    h.observe({ flow: "orders" }, 0.3);
    h.observe({ flow: "orders" }, 7);
    h.observe({}, 0.5);
    const block = renderMetrics().split("\n").filter((l) => l.includes("test_render_seconds"));
    expect(block).toEqual([
      "# HELP test_render_seconds A test histogram",
      "# TYPE test_render_seconds histogram",
      'test_render_seconds_bucket{flow="orders",le="0.1"} 1',
      'test_render_seconds_bucket{flow="orders",le="0.5"} 3',
      'test_render_seconds_bucket{flow="orders",le="1"} 3',
      'test_render_seconds_bucket{flow="orders",le="+Inf"} 4',
      "test_render_seconds_sum{flow=\"orders\"} 7.65",
      'test_render_seconds_count{flow="orders"} 4',
      'test_render_seconds_bucket{le="0.1"} 0',
      'test_render_seconds_bucket{le="0.5"} 1',
      'test_render_seconds_bucket{le="1"} 1',
      'test_render_seconds_bucket{le="+Inf"} 1',
      "test_render_seconds_sum 0.5",
      "test_render_seconds_count 1",
    ]);
    expect(h.get({ flow: "orders" })).toEqual({ count: 4, sum: 7.65 });
  });

  it("time with startTimer and refuse an le label of their own", () => {
    const h = histogram("test_timer_seconds", "Timed", [0.001, 10]);
    const seconds = h.startTimer()({ op: "x" });
    expect(seconds).toBeGreaterThanOrEqual(0);
    expect(h.get({ op: "x" }).count).toBe(1);
    expect(() => h.observe({ le: "1" }, 1)).toThrow(/label name "le"/);
  });
});

describe("the registry", () => {
  it("returns the same family for the same name and refuses a second type or a clashing sample name", () => {
    expect(counter("test_same_total", "x")).toBe(counter("test_same_total", "x"));
    expect(() => gauge("test_same_total", "x")).toThrow(/already registered as a counter/);
    histogram("test_clash", "h", [1]);
    expect(() => counter("test_clash_count", "c")).toThrow(/test_clash_count/);
    expect(() => gauge("bad-name", "x")).toThrow(/Invalid metric name/);
    expect(() => counter("test_neg_total", "x").inc({}, -1)).toThrow(/cannot go down/);
    expect(() => counter("test_bad_label_total", "x").inc({ "bad-label": "1" })).toThrow(/Invalid metric label name/);
  });

  it("escapes label values and HELP text, and replaces a gauge's series at once", () => {
    const g = gauge("test_escape", 'Help with a \\ backslash\nand a newline');
    g.replace([[{ v: 'a"b\\c\nd' }, 1], [{ v: "gone" }, 2]]);
    g.replace([[{ v: 'a"b\\c\nd' }, 3]]);
    const text = renderMetrics();
    expect(text).toContain("# HELP test_escape Help with a \\\\ backslash\\nand a newline\n");
    expect(text).toContain('test_escape{v="a\\"b\\\\c\\nd"} 3\n');
    expect(text).not.toContain('v="gone"');
    const parsed = parsePrometheusText(text);
    expect(parsed.get("test_escape")!.help).toBe("Help with a \\ backslash\nand a newline");
    expect(sampleValue(parsed, "test_escape", "test_escape", { v: 'a"b\\c\nd' })).toBe(3);
  });

  it("renders everything the app registers as text a strict parser accepts, one HELP and TYPE per family", () => {
    const text = renderMetrics();
    const families = parsePrometheusText(text);
    for (const name of ["erp_bridge_job_duration_seconds", "erp_bridge_erp_call_duration_seconds", "erp_bridge_shopify_call_duration_seconds"]) {
      expect(families.get(name)?.type).toBe("histogram");
    }
    for (const name of ["erp_bridge_inbox_lag_seconds", "erp_bridge_queue_depth", "erp_bridge_open_exceptions", "erp_bridge_orders_awaiting_erp"]) {
      expect(families.get(name)?.type).toBe("gauge");
    }
    expect(families.get("erp_bridge_webhook_deliveries_total")?.type).toBe("counter");
    expect(text.match(/^# TYPE erp_bridge_job_duration_seconds /gm)).toHaveLength(1);
  });
});

describe("the strict parser", () => {
  const bad: [string, string][] = [
    ["a sample before its TYPE", "x_total 1\n"],
    ["a second TYPE", "# TYPE x gauge\n# TYPE x gauge\nx 1\n"],
    ["a bad escape", '# TYPE x gauge\nx{a="\\q"} 1\n'],
    ["a duplicate series", '# TYPE x gauge\nx{a="1"} 1\nx{a="1"} 2\n'],
    ["a non-cumulative histogram", '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n'],
    ["+Inf different from _count", '# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 2\n'],
    ["interleaved families", "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na 2\n"],
    ["another comment", "# hello\n"],
    ["no final newline", "# TYPE a gauge\na 1"],
  ];
  it.each(bad)("refuses %s", (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});

describe("collectors", () => {
  it("run at each scrape; one that fails or hangs is reported and does not stop the others", async () => {
    const figure = gauge("test_collected", "Set by a collector");
    let n = 0;
    registerCollector("test-ok", async () => figure.set({}, ++n));
    registerCollector("test-broken", async () => {
      throw new Error("database down");
    });
    registerCollector("test-hang", () => new Promise<void>(() => undefined));
    const { failed } = await collectMetrics(50);
    expect(failed.sort()).toEqual(["test-broken", "test-hang"]);
    await collectMetrics(50);
    const families = parsePrometheusText(renderMetrics());
    expect(sampleValue(families, "test_collected", "test_collected")).toBe(2);
    expect(sampleValue(families, "erp_bridge_scrape_collector_success", "erp_bridge_scrape_collector_success", { collector: "test-ok" })).toBe(1);
    expect(sampleValue(families, "erp_bridge_scrape_collector_success", "erp_bridge_scrape_collector_success", { collector: "test-hang" })).toBe(0);
  });
});
