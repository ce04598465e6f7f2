// Only for the check: scripts/support/next-server.ts waits for this route to answer 200.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}
