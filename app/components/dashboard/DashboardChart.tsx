import { BlockStack, Card, SkeletonBodyText, Text } from "@shopify/polaris";
import { lazy, Suspense, type ReactNode } from "react";
import type { ChartData } from "./chart-data";
import { ClientOnly } from "./ClientOnly";

// A separate chunk, fetched once the page is in the browser: the server never loads polaris-viz.
const Charts = lazy(() => import("./Charts"));

/** A chart card: a named figure region, with a sentence saying what is drawn for readers who cannot see it. */
export function DashboardChart(props: { title: string; summary: ReactNode; data: ChartData; which: "latency" | "posted" | "exceptions" }) {
  const fallback = <SkeletonBodyText lines={8} />;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {props.title}
        </Text>
        <Text as="p" tone="subdued">
          {props.summary}
        </Text>
        <div role="figure" aria-label={props.title}>
          <ClientOnly fallback={fallback}>
            {() => (
              <Suspense fallback={fallback}>
                <Charts data={props.data} which={props.which} />
              </Suspense>
            )}
          </ClientOnly>
        </div>
      </BlockStack>
    </Card>
  );
}
