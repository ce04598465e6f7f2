import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string };
    roles: string[];
    permissions: string[];
    permissionsUpdatedAt: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    authAt?: number;
    perms?: string;
    cat?: string;
    permsAt?: number;
    grantExp?: number | null;
  }
}
