/** Who made an admin change, for the audit trail: the staff member when known, else the shop. */
export interface AdminIdentity {
  session: { shop: string; onlineAccessInfo?: { associated_user?: { email?: string; id?: number } } };
  sessionToken?: { sub?: string };
}

export function actorOf({ session, sessionToken }: AdminIdentity): string {
  const user = session.onlineAccessInfo?.associated_user;
  if (user?.email) return user.email;
  if (user?.id) return `user:${user.id}@${session.shop}`;
  // The session token's subject is the staff member's user id in this shop's admin.
  if (sessionToken?.sub) return `user:${sessionToken.sub}@${session.shop}`;
  return `shop:${session.shop}`;
}
