import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { expect, it } from "vitest";
import { describeEachDatabase } from "./helpers/each-database";

describeEachDatabase("Shopify sessions in Prisma", ({ db }) => {
  it("stores, loads, finds by shop and deletes an offline session", async () => {
    const storage = new PrismaSessionStorage(db());
    const session = new Session({
      id: "offline_alpine-gear.myshopify.com",
      shop: "alpine-gear.myshopify.com",
      state: "state",
      isOnline: false,
      scope: "read_orders,write_inventory",
      accessToken: "shpat_test_token",
    });
    expect(await storage.storeSession(session)).toBe(true);

    const loaded = await storage.loadSession(session.id);
    expect(loaded?.shop).toBe("alpine-gear.myshopify.com");
    expect(loaded?.accessToken).toBe("shpat_test_token");
    expect(loaded?.isActive("read_orders,write_inventory")).toBe(true);
    expect((await storage.findSessionsByShop("alpine-gear.myshopify.com")).map((s) => s.id)).toEqual([session.id]);

    expect(await storage.deleteSession(session.id)).toBe(true);
    expect(await storage.loadSession(session.id)).toBeUndefined();
  });
});
