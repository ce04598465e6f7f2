// Runs once when a Next server process starts (next start and next dev).
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself (not configuration), so it is read here and not in lib/env.ts.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The core's database, stamp cache and claims extension (lib/live-claims.ts), before any request.
  const { configureAppLiveClaims } = await import("./lib/live-claims");
  configureAppLiveClaims();
  const { capturePeerAddresses } = await import("./lib/sign-in/client-address");
  // The client address for sign-in limits: see lib/sign-in/client-address.ts.
  capturePeerAddresses();
  // Says at once whether mail can leave (a production server without SMTP_URL cannot reset passwords).
  (await import("./lib/mail/status")).logMailStatus();
}
