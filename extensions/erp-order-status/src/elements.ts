/**
 * Types the admin's web components this block uses (s-admin-block, s-badge...) for Preact's JSX.
 * Only these: the target's full set also retypes document.createElement for every other TS file
 * of the app (the root tsconfig checks this folder too), which breaks the Zendesk sidebar's DOM code.
 */
import type { AdminBlock } from "@shopify/ui-extensions/admin/components/AdminBlock";
import type { Badge } from "@shopify/ui-extensions/admin/components/Badge";
import type { Banner } from "@shopify/ui-extensions/admin/components/Banner";
import type { Button } from "@shopify/ui-extensions/admin/components/Button";
import type { Link } from "@shopify/ui-extensions/admin/components/Link";
import type { Paragraph } from "@shopify/ui-extensions/admin/components/Paragraph";
import type { Spinner } from "@shopify/ui-extensions/admin/components/Spinner";
import type { Stack } from "@shopify/ui-extensions/admin/components/Stack";
import type { Text } from "@shopify/ui-extensions/admin/components/Text";

export type BlockElements = [AdminBlock, Badge, Banner, Button, Link, Paragraph, Spinner, Stack, Text];
