// Every unit and integration test file starts with the app's host configured
// (lib/live-claims.ts), as instrumentation.ts does in a server. It opens
// nothing: the database and the listener are imported when first asked for,
// so a test's own database (./app-database.ts) or vi.mock of lib/live/instance
// still applies.
import { configureAppLiveClaims } from "@/lib/live-claims";

configureAppLiveClaims();
