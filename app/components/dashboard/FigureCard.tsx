import { BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

/** One dashboard number: a region named after it, with what it counts and where its exceptions are. */
export function FigureCard(props: {
  label: string;
  value: ReactNode;
  tone?: "critical" | "success" | "caution";
  /** What exactly is counted, in a sentence. */
  help?: ReactNode;
  /** The exceptions behind the number. */
  links?: { url: string; label: string }[];
}) {
  return (
    <section aria-label={props.label}>
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm" tone="subdued">
            {props.label}
          </Text>
          <Text as="p" variant={typeof props.value === "number" ? "heading2xl" : "headingLg"} tone={props.tone}>
            {props.value}
          </Text>
          {props.help ? (
            <Text as="p" variant="bodySm" tone="subdued">
              {props.help}
            </Text>
          ) : null}
          {props.links?.length ? (
            <InlineStack gap="300">
              {props.links.map((l) => (
                <Link key={l.url} url={l.url}>
                  {l.label}
                </Link>
              ))}
            </InlineStack>
          ) : null}
        </BlockStack>
      </Card>
    </section>
  );
}
