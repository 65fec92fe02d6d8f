/** What the charts draw, as the dashboard loader sends it. */
export interface ChartData {
  hours: { hour: string; orderLatencyP95Ms: number | null; ordersPosted: number }[];
  exceptionsByDay: { days: string[]; flows: { flow: string; counts: number[] }[] };
  ordersTargetMinutes: number;
}
