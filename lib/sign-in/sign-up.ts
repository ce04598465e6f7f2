// Open sign-up (AUTH_SIGN_UP=open): anyone with a mailbox may create an
// account, which holds no permissions. The request is kept, with the chosen
// password already hashed, until the link mailed to the address is opened
// and confirmed; only then is the account created. So an address nobody
// reads never becomes an account, and nobody can hold someone else's address.
//
// The visitor is told the same thing whether or not the address has an
// account (an owner gets a mail saying so instead of a link), and every
// request counts as a failed sign-in against the address and the client
// (./limits.ts), so the form can neither flood a mailbox nor test addresses
// faster than the sign-in form.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { sendMail } from "@/lib/mail";
import { hashLinkToken, newLinkToken } from "@/lib/security/link-token";
import { hashPassword } from "@/lib/security/password";
import { recordTrip } from "./attempt";
import { openSignInGate, type SignInLimits } from "./limits";

export const SIGN_UP_LINK_HOURS = 24;
const SIGN_UP_LINK_MS = SIGN_UP_LINK_HOURS * 3_600_000;

export type SignUpDeps = {
  prisma: PrismaClient;
  limits: SignInLimits;
  /** Milliseconds since the epoch; injected by tests. */
  now?: () => number;
};

export type SignUpRequestInput = { email: string; name: string; password: string };

export type SignUpRequestOutcome =
  /** The same for every address; deliver() hashes, stores and mails (after the response). */
  { kind: "accepted"; deliver(): Promise<void> } | { kind: "limited"; retryAfterSeconds: number };

export type SignUpOutcome =
  | { kind: "created"; userId: string; email: string }
  /** The address got an account since the link was sent (an invitation, another link). */
  | { kind: "taken"; email: string }
  | { kind: "invalid" };

/** A sign-up asked for `input.email` (normalised) by a client at `address`; the link is written on `linkOrigin`. */
export async function requestSignUp(
  deps: SignUpDeps,
  input: SignUpRequestInput,
  address: string | null,
  linkOrigin: string,
): Promise<SignUpRequestOutcome> {
  const now = (deps.now ?? Date.now)();
  const subjects = { account: input.email, address };
  const gate = await openSignInGate(deps.prisma, deps.limits, subjects, now);
  if (gate.kind === "limited") return gate;
  // Never given back: each request costs one attempt, like a wrong password.
  for (const trip of await gate.failed()) await recordTrip(deps.prisma, trip, subjects, deps.limits);
  return { kind: "accepted", deliver: () => mailSignUpLink(deps.prisma, input, linkOrigin, now) };
}

async function mailSignUpLink(prisma: PrismaClient, input: SignUpRequestInput, origin: string, now: number) {
  const owner = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (owner) {
    await sendMail({
      to: input.email,
      subject: "You already have a Live Authz account",
      text: [
        "Someone (we hope you) tried to create a Live Authz account with this address, which already has one.",
        `Sign in at ${origin}/sign-in, or choose a new password at ${origin}/forgot-password.`,
        "If it was not you, ignore this message: nothing was changed.",
      ].join("\n"),
    });
    return;
  }
  const passwordHash = await hashPassword(input.password);
  const { token, tokenHash } = newLinkToken();
  await prisma.$transaction([
    // One waiting request per address (the newest), and none past its time.
    prisma.signUpRequest.deleteMany({
      where: { OR: [{ email: input.email }, { expiresAt: { lt: new Date(now) } }] },
    }),
    prisma.signUpRequest.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash,
        tokenHash,
        expiresAt: new Date(now + SIGN_UP_LINK_MS),
      },
    }),
  ]);
  await sendMail({
    to: input.email,
    subject: "Confirm your Live Authz account",
    text: [
      "Someone (we hope you) asked for a Live Authz account with this address.",
      `To create it, open this link within ${SIGN_UP_LINK_HOURS} hours and confirm:`,
      "",
      `${origin}/sign-up/${token}`,
      "",
      "If it was not you, ignore this message: no account is created.",
    ].join("\n"),
  });
}

/** The address a sign-up link is for, while it can be used; null otherwise. */
export async function findSignUpRequest(prisma: PrismaClient, token: string, now: number) {
  const row = await prisma.signUpRequest.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { email: true, name: true, expiresAt: true },
  });
  return row && row.expiresAt.getTime() > now ? { email: row.email, name: row.name } : null;
}

/** Creates the account a valid link asks for (once); an expired, used or unknown link changes nothing. */
export async function finishSignUp(
  deps: Pick<SignUpDeps, "prisma" | "now">,
  token: string,
): Promise<SignUpOutcome> {
  const now = new Date((deps.now ?? Date.now)());
  try {
    return await deps.prisma.$transaction(async (tx): Promise<SignUpOutcome> => {
      // Deleting claims the link: a second use racing this one finds nothing.
      const [request] = await tx.$queryRaw<{ email: string; name: string; passwordHash: string }[]>`
        DELETE FROM "SignUpRequest" WHERE "tokenHash" = ${hashLinkToken(token)} AND "expiresAt" > ${now}
        RETURNING email, name, "passwordHash"`;
      if (!request) return { kind: "invalid" };
      await tx.signUpRequest.deleteMany({ where: { email: request.email } });
      if (await tx.user.findUnique({ where: { email: request.email }, select: { id: true } }))
        return { kind: "taken", email: request.email };
      const user = await tx.user.create({
        data: { email: request.email, name: request.name, passwordHash: request.passwordHash },
        select: { id: true, email: true },
      });
      await recordAudit(tx, user, {
        action: "user.signed_up",
        target: { type: "user", id: user.id, label: user.email },
      });
      return { kind: "created", userId: user.id, email: user.email };
    });
  } catch (error) {
    // Another writer created the address between the check and the insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { kind: "taken", email: (await findEmailOf(deps.prisma, token)) ?? "" };
    }
    throw error;
  }
}

const findEmailOf = async (prisma: PrismaClient, token: string) =>
  (await prisma.signUpRequest.findUnique({ where: { tokenHash: hashLinkToken(token) } }))?.email;
