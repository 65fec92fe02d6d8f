import { z } from "zod";

/** A key/value the buyer or an app attached to an order or line (Shopify "note attributes" / "properties"). */
export const CustomAttribute = z.object({ key: z.string(), value: z.string().nullable() });
export type CustomAttribute = z.infer<typeof CustomAttribute>;
