import { idOf } from "../../graphql/gid";
import { approveReturn, cancelReturn, closeReturn, declineReturn, findReturn } from "../../store/returns";
import type { ShopState } from "../../store/shop-state";
import type { OrderRecord, ReturnRecord } from "../../store/types";
import type { ResolverMap } from "../types";
import { returnView } from "../views/return";
import { refused } from "./return-create";

type Step = (shop: ShopState, order: OrderRecord, ret: ReturnRecord) => ReturnRecord;

function run(shop: ShopState, gid: string, field: string[], step: Step) {
  const id = idOf(gid, "Return");
  const found = id ? findReturn(shop, id) : undefined;
  if (!found) return { return: null, userErrors: [{ field, message: "Return does not exist.", code: "NOT_FOUND" }] };
  try {
    return { return: returnView(shop, found.order, step(shop, found.order, found.ret)), userErrors: [] };
  } catch (e) {
    return refused(e);
  }
}

interface DeclineInput {
  id: string;
  declineReason: "FINAL_SALE" | "OTHER" | "RETURN_PERIOD_ENDED";
  declineNote?: string | null;
}

/** A return's life after creation: approve or decline a request, cancel, close. */
export const returnStatusResolvers: ResolverMap = {
  "Mutation.returnApproveRequest": (_src, args: { input: { id: string } }, { shop }) => run(shop, args.input.id, ["input", "id"], approveReturn),
  "Mutation.returnDeclineRequest": (_src, args: { input: DeclineInput }, { shop }) =>
    run(shop, args.input.id, ["input", "id"], (s, o, r) => declineReturn(s, o, r, { reason: args.input.declineReason, note: args.input.declineNote ?? null })),
  "Mutation.returnCancel": (_src, args: { id: string }, { shop }) => run(shop, args.id, ["id"], cancelReturn),
  "Mutation.returnClose": (_src, args: { id: string }, { shop }) => run(shop, args.id, ["id"], closeReturn),
};
