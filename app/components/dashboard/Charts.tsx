/**
 * The dashboard's charts, drawn with polaris-viz. Loaded only in the browser (see
 * DashboardCharts), since polaris-viz measures the DOM it draws into.
 */
import { BarChart, LineChart, PolarisVizProvider, type DataSeries } from "@shopify/polaris-viz";
import type { ChartData } from "./chart-data";
import { dayLabel, formatDuration, hourLabel } from "./format";

const minutes = (value: string | number | null) => (value === null ? "" : formatDuration(Number(value) * 60_000));

export default function Charts({ data, which }: { data: ChartData; which: "latency" | "posted" | "exceptions" }) {
  return (
    <PolarisVizProvider defaultTheme="Light">
      <div style={{ height: 260 }}>{chart(data, which)}</div>
    </PolarisVizProvider>
  );
}

function chart(data: ChartData, which: "latency" | "posted" | "exceptions") {
  if (which === "latency") {
    const series: DataSeries[] = [
      { name: "p95 order-to-ERP latency", data: data.hours.map((h) => ({ key: hourLabel(h.hour), value: h.orderLatencyP95Ms === null ? null : h.orderLatencyP95Ms / 60_000 })) },
      { name: "Orders target", data: data.hours.map((h) => ({ key: hourLabel(h.hour), value: data.ordersTargetMinutes })), isComparison: true },
    ];
    return <LineChart data={series} isAnimated={false} emptyStateText="No order reached the ERP in the last 24 hours" yAxisOptions={{ labelFormatter: minutes }} tooltipOptions={{ valueFormatter: minutes }} />;
  }
  if (which === "posted") {
    const series: DataSeries[] = [{ name: "Orders posted", data: data.hours.map((h) => ({ key: hourLabel(h.hour), value: h.ordersPosted })) }];
    return <BarChart data={series} isAnimated={false} showLegend={false} emptyStateText="No order reached the ERP in the last 24 hours" yAxisOptions={{ integersOnly: true }} />;
  }
  const series: DataSeries[] = data.exceptionsByDay.flows.map((f) => ({
    name: f.flow,
    data: data.exceptionsByDay.days.map((d, i) => ({ key: dayLabel(d), value: f.counts[i] })),
  }));
  return <BarChart data={series} type="stacked" isAnimated={false} emptyStateText="No exception opened in the last 14 days" yAxisOptions={{ integersOnly: true }} />;
}
