/** GET /helpdesk/:connectionId/returns/:caseId : one return case of the connection's shop. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { AppError } from "~/errors";
import { answerHelpdesk, helpdeskJson, logRefusal, methodNotAllowed } from "~/flows/helpdesk/api-edge.server";
import { authenticateHelpdesk } from "~/flows/helpdesk/authenticate.server";
import { returnCaseView } from "~/flows/helpdesk/return-case-view";

export function loader({ request, params }: LoaderFunctionArgs) {
  return answerHelpdesk(async () => {
    const { shop } = await authenticateHelpdesk(db, request, params.connectionId ?? "", new Date(), logRefusal);
    // Another shop's case reads exactly like no case at all.
    const row = await db.returnCase.findFirst({ where: { id: params.caseId ?? "", shopId: shop.id } });
    if (!row) throw new AppError("not_found", "No such return");
    return helpdeskJson({ returnCase: returnCaseView(row) });
  }, { request, connectionId: params.connectionId });
}

export function action(_args: ActionFunctionArgs) {
  return methodNotAllowed("GET");
}
