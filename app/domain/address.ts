import { z } from "zod";

/** A postal address on an order or customer; every part is optional because shops allow sparse ones. */
export const Address = z.object({
  name: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  company: z.string().nullable(),
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  provinceCode: z.string().nullable(),
  zip: z.string().nullable(),
  country: z.string().nullable(),
  /** ISO 3166-1 alpha-2, e.g. "US". */
  countryCode: z.string().regex(/^[A-Z]{2}$/).nullable(),
  phone: z.string().nullable(),
});
export type Address = z.infer<typeof Address>;
