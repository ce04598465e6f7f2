// What the benchmark's server starter waits for.
export function GET() {
  return Response.json({ status: "ok" });
}
