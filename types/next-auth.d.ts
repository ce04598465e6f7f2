import "next-auth";
import "next-auth/jwt";
import type { Permission } from "@/lib/permissions/catalogue";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string };
    roles: string[];
    permissions: Permission[];
    permissionsUpdatedAt: number;
  }
}

// The token's own short keys; lib/auth/token.ts is the one place that reads them.
declare module "next-auth/jwt" {
  interface JWT {
    authAt?: number;
    perms?: string;
    cat?: string;
    permsAt?: number;
    grantExp?: number | null;
  }
}
