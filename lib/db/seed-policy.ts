// The demo seed writes admin@example.com with a password printed in README.
// A production database gets it only when asked by name.
const DEMO_FLAG = "--demo";

/** Why `npm run db:<command>` may not write the demo accounts here, or null when it may. */
export function demoSeedRefusal(command: string, nodeEnv: string, flags: readonly string[]): string | null {
  if (nodeEnv !== "production" || flags.includes(DEMO_FLAG)) return null;
  return (
    `Refusing to run db:${command} with NODE_ENV=production: it creates the demo accounts ` +
    `(admin@example.com and others) with the demo password from README. ` +
    `To do it anyway: npm run db:${command} -- ${DEMO_FLAG}`
  );
}
