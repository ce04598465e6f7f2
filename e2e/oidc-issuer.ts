// A real OpenID Connect issuer for the browser tests: panva's oidc-provider
// on 127.0.0.1, port PORT + 7, with one static client (this app) and its
// development login screen, where the test types an email as the login (any
// password). The account behind a login is that address, verified: so the
// app's linking rule decides which of its users it is. Playwright starts it
// before the app (playwright.config.ts) and stops it with SIGTERM.
import Provider from "oidc-provider";
import { OIDC_CLIENT, OIDC_ISSUER } from "./config";

const provider = new Provider(OIDC_ISSUER, {
  clients: [
    {
      client_id: OIDC_CLIENT.id,
      client_secret: OIDC_CLIENT.secret,
      redirect_uris: [OIDC_CLIENT.redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // The login screen's login is the account (its subject); its claims say the address is verified,
  // except for a login that starts with "unverified.", whose address the issuer does not vouch for.
  async findAccount(_ctx, sub) {
    const verified = !sub.startsWith("unverified.");
    return {
      accountId: sub,
      claims: async () => ({ sub, email: sub, email_verified: verified, name: `SSO ${sub.split("@")[0]}` }),
    };
  },
  features: { devInteractions: { enabled: true } },
  // Test-only keys for the cookies of the issuer's own session.
  cookies: { keys: ["e2e-oidc-issuer-cookie-key"] },
});

const port = Number(new URL(OIDC_ISSUER).port);
const server = provider.listen(port, "127.0.0.1", () => console.log(`[oidc-issuer] ${OIDC_ISSUER}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
