import { z } from "zod";
import { ShopifyId } from "./ids";

/** The buyer as the shop knows them; orders may have none (guest POS sale, draft without customer). */
export const Customer = z.object({
  id: ShopifyId,
  email: z.string().nullable(),
  phone: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
});
export type Customer = z.infer<typeof Customer>;
