"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { protectedAction } from "@/lib/actions/protected-action";
import { recordAudit } from "@/lib/audit/record";
import { getPrisma } from "@/lib/db/client";

/** Ends every session of the signed-in user, this one included, on each one's next request. */
export const signOutEverywhere = protectedAction({
  permission: null, // acts on the actor's own account only
  schema: z.object({}),
  async run(_input, actor) {
    const prisma = await getPrisma();
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: actor.id }, data: { sessionsRevokedAt: new Date() } });
      await recordAudit(tx, actor, {
        action: "user.sessions.revoked",
        target: { type: "user", id: actor.id, label: actor.email },
        after: { by: "the user themself" },
      });
    });
    redirect("/sign-in");
  },
});
