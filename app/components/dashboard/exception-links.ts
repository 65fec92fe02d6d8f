/**
 * Links from a dashboard figure to the exceptions behind it. The exceptions page reads these
 * query parameters: status (open | closed | all), flow, sourceType, impact, errorClass.
 */
export interface ExceptionQuery {
  flow?: string;
  sourceType?: string;
  impact?: "low" | "medium" | "high";
  errorClass?: string;
}

/** The exceptions page showing the open exceptions that match the query. */
export function exceptionsUrl(query: ExceptionQuery = {}): string {
  const params = new URLSearchParams({ status: "open" });
  if (query.flow) params.set("flow", query.flow);
  if (query.sourceType) params.set("sourceType", query.sourceType);
  if (query.impact) params.set("impact", query.impact);
  if (query.errorClass) params.set("errorClass", query.errorClass);
  return `/app/exceptions?${params.toString()}`;
}
