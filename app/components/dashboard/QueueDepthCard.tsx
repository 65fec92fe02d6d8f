import { BlockStack, Card, DataTable, Link, Text } from "@shopify/polaris";
import { exceptionsUrl } from "./exception-links";

/** Jobs per flow that are waiting, delayed (backoff or schedule) or running, each flow linking to its exceptions. */
export function QueueDepthCard(props: { scope: "shop" | "all shops"; flows: { flow: string; waiting: number; delayed: number; running: number }[] }) {
  const total = props.flows.reduce((sum, f) => sum + f.waiting + f.delayed + f.running, 0);
  return (
    <section aria-label="Queue depth">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Queue depth
          </Text>
          <Text as="p" tone="subdued">
            {total} jobs not finished{props.scope === "all shops" ? " across every shop on this queue (Redis)" : " for this shop"}.
          </Text>
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric"]}
            headings={["Flow", "Waiting", "Delayed", "Running"]}
            rows={props.flows.map((f) => [
              <Link key={f.flow} url={exceptionsUrl({ flow: f.flow })} accessibilityLabel={`Exceptions of the ${f.flow} flow`}>
                {f.flow}
              </Link>,
              f.waiting,
              f.delayed,
              f.running,
            ])}
          />
        </BlockStack>
      </Card>
    </section>
  );
}
