// Runs once when a Next server process starts: hands the live-claims core its
// database before the first request. Without a stampCache (the optional change
// listener, docs/ADOPT.md) every check reads the user's stamp from the database.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { configureLiveClaims } = await import("@/lib/auth/host");
  const { prisma } = await import("./db");
  configureLiveClaims({ prisma });
}
