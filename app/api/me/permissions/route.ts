import { NextResponse } from "next/server";
import { withUser } from "@/lib/auth/api";

export const dynamic = "force-dynamic";

export const GET = withUser((_req, user) =>
  NextResponse.json(
    {
      user: { id: user.id, email: user.email, name: user.name },
      roles: user.roles,
      permissions: user.permissions,
      permissionsUpdatedAt: user.permissionsUpdatedAt,
    },
    { headers: { "Cache-Control": "no-store" } },
  ),
);
