// npm run token-key: prints a new Ed25519 private JWK for AUTH_TOKEN_PRIVATE_KEY
// (docs/CLIENTS.md). Keep it secret, like NEXTAUTH_SECRET.
import { generatePrivateJwk } from "@/lib/sessions/signing-keys";
import { readCommandLine } from "./support/command-line";

readCommandLine(
  `Usage: npm run token-key
  Prints a new Ed25519 private JWK (one line of JSON) for AUTH_TOKEN_PRIVATE_KEY. Keep it secret.`,
  { options: {} },
);

generatePrivateJwk()
  .then((jwk) => console.log(JSON.stringify(jwk)))
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
