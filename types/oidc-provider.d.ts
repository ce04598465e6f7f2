// The part of oidc-provider's API that e2e/oidc-issuer.ts uses (oidc-provider
// 9 ships no type declarations; @types/oidc-provider would be one more package).
declare module "oidc-provider" {
  import type { Server } from "node:http";

  type ClientMetadata = {
    client_id: string;
    client_secret: string;
    redirect_uris: string[];
    grant_types?: string[];
    response_types?: string[];
  };

  type Account = { accountId: string; claims(): Promise<Record<string, unknown>> };

  type Configuration = {
    clients?: ClientMetadata[];
    claims?: Record<string, string[]>;
    findAccount?(ctx: unknown, id: string): Promise<Account | undefined>;
    features?: { devInteractions?: { enabled: boolean } };
    cookies?: { keys?: string[] };
  };

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    /** Koa's listen: an http.Server. */
    listen(port: number, host: string, callback?: () => void): Server;
  }
}
