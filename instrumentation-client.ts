// Runs in the browser before the app's own code (Next's instrumentation-client).
// Zod 4 compiles object parsers with `new Function` wherever a page allows
// eval, and finds out by trying once: under this app's Content-Security-Policy
// (no 'unsafe-eval') the attempt is refused and reported as a CSP violation.
// Parsing without compiling is just as correct, and the browser only parses
// small forms. The setting must be in place before any schema is built.
import { config } from "zod/v4/core";

config({ jitless: true });
