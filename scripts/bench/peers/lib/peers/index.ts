// Every peer by the name in its URL (/api/<peer>/reports), and what it answers.
import type { NextRequest } from "next/server";
import type { Decision } from "../decision";
import { BETTER_AUTH_PEERS, type BetterAuthPeer, betterAuthDecision } from "./better-auth";
import { handWritten } from "./hand-written";
import { nextAuthDatabase } from "./next-auth-database";
import { nextAuthJwt } from "./next-auth-jwt";

type Check = (request: NextRequest) => Promise<Decision>;

export const PEERS: Record<string, Check> = {
  "next-auth-database": () => nextAuthDatabase(),
  "next-auth-jwt": () => nextAuthJwt(),
  "hand-written": handWritten,
  ...Object.fromEntries(
    BETTER_AUTH_PEERS.map((peer): [BetterAuthPeer, Check] => [peer, (r) => betterAuthDecision(peer, r)]),
  ),
};

export function isBetterAuthPeer(name: string): name is BetterAuthPeer {
  return (BETTER_AUTH_PEERS as readonly string[]).includes(name);
}
