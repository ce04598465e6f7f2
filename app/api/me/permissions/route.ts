import { NextResponse } from "next/server";
import { getRoleNames, withUser } from "@/lib/auth";

export const dynamic = "force-dynamic";

export const GET = withUser(async (_req, user) =>
  NextResponse.json(
    {
      user: { id: user.id, email: user.email, name: user.name },
      roles: await getRoleNames(user),
      permissions: user.permissions,
      permissionsUpdatedAt: user.permissionsUpdatedAt,
    },
    { headers: { "Cache-Control": "no-store" } },
  ),
);
