// Which folder may import which, bottom to top (docs/ARCHITECTURE.md):
//
//   lib/permissions, lib/security, lib/generated,
//   lib/process-state.ts                                       leaves
//   lib/auth                                                   the core: sessions, freshness, guards,
//                                                              the stamp cache (the app plugs in through lib/auth/host.ts)
//   lib/env.ts                                                 the app's environment, on the core's
//   lib/format                                                 how instants read
//   lib/validations, lib/navigation.ts                         the catalogue
//   lib/db                                                     the database, the listener (reports only)
//   lib/live                                                   listener → stamp cache → change hub
//   lib/audit                                                  audit entries
//   lib/mail                                                   mail: SMTP, or the dev mailbox table
//   lib/sign-in                                                next-auth's options, limits, client address
//   lib/sessions                                               bearer tokens, the session list API
//   lib/push                                                   event streams (no server-only: see below)
//   lib/actions                                                server action wrappers
//   lib/admin                                                  admin queries and changes
//   lib/tenancy                                                organization-owned data, scoped
//   lib/live-claims.ts, lib/page-guard.ts                      the app's side of the core
//   lib/client                                                 the browser's side
//   app/, components/, proxy.ts, pages/api                     Next.js
//
// The event stream is a Pages Router route (pages/api/me/events.ts), where
// `import "server-only"` throws: it, lib/push and what they load (lib/live,
// lib/db/client, lib/auth/fresh-session.ts, lib/sessions/bearer.ts) carry none, and reach lib/auth
// through those server-only-free files rather than its index.
//
// Each entry lists what its files MAY import from lib/; everything else under
// @/lib is refused by no-restricted-imports. "x$" is exactly @/lib/x (a
// folder's public entry, its index.ts, or one file); "x/" is anything in it.
// Folders with an index.ts are entered through it from outside: a page or
// another folder never reaches into lib/auth/session.ts itself.

/** A regex that matches @/lib imports other than the allowed ones. */
const outside = (allowed) => `^@/lib/(?!(?:${allowed.join("|")})(?:$|/))`;

const NO_APP = {
  regex: "^@/(app|components)(/|$)",
  message: "lib/ never imports app/ or components/: they sit above it.",
};

const NO_PARENT = {
  regex: "^\\.\\./",
  message: "Import another lib folder by its @/lib path, so the layering rules can see it.",
};

/** app/, components/, pages/ and proxy.ts reach lib/ by its @/lib path only: a relative path would pass every rule below. */
const NO_RELATIVE_LIB = {
  regex: "^(\\.\\.?/)+lib(/|$)",
  message: "Import lib/ by its @/lib path, so the layering rules can see it.",
};

/** "It may use: lib/db/*, @/lib/live, …" (@/lib/live: that module or folder index only). */
function mayUse(allowed) {
  if (allowed.length === 0) return "It imports nothing from lib/.";
  const names = allowed.map((a) => (a.endsWith("$") ? `@/lib/${a.slice(0, -1)}` : `lib/${a}/*`));
  return `It may use: ${names.join(", ")}.`;
}

function lib(folder, allowed, why) {
  const files = folder.endsWith(".ts") ? [`lib/${folder}`] : [`lib/${folder}/**/*.{ts,tsx}`];
  const own = folder.endsWith(".ts") ? [] : [`${folder}/.+`];
  return {
    files,
    forbidden: [
      NO_APP,
      NO_PARENT,
      { regex: outside([...own, ...allowed]), message: `lib/${folder} ${why} ${mayUse(allowed)}` },
      // A folder's own index.ts is for the outside: importing it from inside makes a cycle.
      ...(own.length
        ? [{ regex: `^@/lib/${folder}$`, message: `Inside lib/${folder}, import the file itself.` }]
        : []),
    ],
  };
}

/** What app/, components/ and proxy.ts may import from lib/: public entries only, and never the database. */
const PUBLIC = [
  "auth$",
  "auth/protocol$",
  "admin$",
  "admin/format$",
  "format$",
  "actions$",
  "actions/state$",
  "permissions$",
  "navigation$",
  "tenancy$",
  "sign-in$",
  "sessions$",
  "mail$",
  "page-guard$",
  "validations/.+",
  "client/.+",
];

const PUBLIC_MESSAGE =
  "app/ and components/ use lib/ through its public entries (@/lib/auth, @/lib/admin, @/lib/actions, " +
  "@/lib/permissions, @/lib/validations/*, @/lib/client/*, …) and never the database: " +
  "a page calls a lib/admin query, which opens its own handle.";

export const LAYERS = [
  lib("permissions", [], "is a leaf: the catalogue imports nothing."),
  lib("security", [], "is a leaf: it imports nothing of the app."),
  lib(
    "env.ts",
    ["auth/config$"],
    "reads the environment for the app, on the core's schema (lib/auth/config.ts).",
  ),
  lib("process-state.ts", [], "is a leaf: it keeps values once per process for the layers above."),
  lib("format", [], "is a leaf: how instants read, for the server and the browser alike."),
  lib("validations", ["permissions"], "may use the catalogue only."),
  lib("navigation.ts", ["permissions"], "may use the catalogue only."),
  lib(
    "db",
    ["auth/config$", "env", "generated", "permissions", "security", "process-state$"],
    "imports nothing above it: the listener reports events, and lib/live decides what they mean.",
  ),
  lib(
    "live",
    ["auth/stamp-cache$", "db", "env", "generated", "process-state$"],
    "connects lib/db's listener to the core's stamp cache: lib/push reads it, not the reverse.",
  ),
  lib("audit", ["generated"], "writes entries for anyone: it knows no actor type of lib/auth."),
  lib(
    "mail",
    ["db/client$", "env", "generated", "process-state$"],
    "sends mail for any feature: it knows none of them (they import it).",
  ),
  lib(
    "auth",
    ["generated", "permissions", "process-state$"],
    "is the core (docs/ADOPT.md): the app plugs its database, listener and organizations in through lib/auth/host.ts; it imports none of them.",
  ),
  lib(
    "sign-in",
    [
      "auth",
      "audit",
      "db",
      "env",
      "generated",
      "mail$",
      "permissions",
      "process-state$",
      "security",
      "validations",
    ],
    "signs users in on top of the core (lib/auth); bearer tokens and organizations build on it, not the reverse.",
  ),
  lib(
    "sessions",
    [
      "auth",
      "sign-in/attempt$",
      "sign-in/client-address$",
      "db",
      "env",
      "generated",
      "permissions",
      "process-state$",
      "security",
      "validations",
    ],
    "gives clients their sessions as an API on top of the core; it signs in through lib/sign-in.",
  ),
  lib(
    "push",
    [
      "auth/fresh-session$",
      "auth/token$",
      "auth/protocol$",
      "sessions/bearer$",
      "live$",
      "env",
      "permissions",
      "process-state$",
    ],
    "is loaded by a Pages Router route, where server-only throws: of lib/auth only the files without it.",
  ),
  lib(
    "actions",
    ["auth$", "live$", "db", "generated", "permissions", "env"],
    "wraps server actions: it may use lib/auth, lib/live and the database handle, nothing of lib/admin.",
  ),
  lib(
    "admin",
    [
      "actions$",
      "actions/state$",
      "audit",
      "format$",
      "auth$",
      "tenancy$",
      "db",
      "generated",
      "permissions",
      "validations",
      "security",
    ],
    "uses lib/auth, lib/tenancy and lib/actions through their index; lib/push and lib/live are not its business.",
  ),
  lib(
    "tenancy",
    ["auth", "sessions/access-token$", "sessions/bearer$", "db", "env", "generated", "permissions"],
    "is organizations on top of the core: memberships, the switch, and organization-owned rows read for the session's organization.",
  ),
  lib(
    "live-claims.ts",
    ["auth/host$", "db/client$", "live/instance$", "navigation$", "tenancy/claims-extension$"],
    "hands the core this app's database, stamp cache and organizations.",
  ),
  lib("page-guard.ts", ["auth$", "navigation$"], "guards a page with the page table's permission."),
  lib(
    "client",
    ["auth/protocol$", "permissions$", "navigation$"],
    "runs in the browser: only what the server shares with it (@/lib/auth/protocol, the catalogue).",
  ),
  {
    files: ["app/**/*.{ts,tsx}", "proxy.ts"],
    forbidden: [
      NO_RELATIVE_LIB,
      {
        regex: outside([
          ...PUBLIC,
          "live$",
          "env$",
          "security/headers$",
          "security/body-limit$",
          "security/json-body$",
        ]),
        message: PUBLIC_MESSAGE,
      },
    ],
  },
  {
    files: ["pages/**/*.{ts,tsx}"],
    forbidden: [
      NO_RELATIVE_LIB,
      {
        regex: outside([
          "sessions/bearer$",
          "auth/fresh-session$",
          "auth/protocol$",
          "auth/token$",
          "live$",
          "push$",
        ]),
        message:
          "pages/ (the Pages Router event stream) may load only modules without server-only: " +
          "@/lib/sessions/bearer, @/lib/auth/fresh-session, @/lib/auth/protocol, @/lib/auth/token, @/lib/live, @/lib/push.",
      },
    ],
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    forbidden: [
      NO_RELATIVE_LIB,
      { regex: outside(PUBLIC), message: PUBLIC_MESSAGE },
      {
        regex: "^@/app(/|$)",
        message: "components/ are given server actions as props; they never import app/.",
      },
    ],
  },
  {
    files: ["instrumentation.ts"],
    forbidden: [
      {
        regex: "^(@/lib/|\\./lib/)(?!live-claims$|sign-in/client-address$|mail/status$)",
        message:
          "instrumentation.ts only starts the process's parts: the core's host, the peer-address capture and the mail status line.",
      },
    ],
  },
];

// Organization-owned models (lib/tenancy/scoped-client.ts lists them): only
// lib/tenancy touches them, through the client extension that pins every
// query to the session's organization. Anywhere else, `db.report…` (Prisma),
// "Report" in SQL or the organization's `reports` relation fails lint, so a new page cannot read another tenant's
// rows by forgetting a `where`. test/unit/tenant-scope.test.ts proves it bites.
const OWNED_MESSAGE =
  "Organization-owned rows are read only through lib/tenancy (scopedClient pins every query to the " +
  "session's organization); call a lib/tenancy function instead.";

export const ORGANIZATION_OWNED = {
  files: [
    "app/**/*.{ts,tsx}",
    "components/**/*.{ts,tsx}",
    "lib/**/*.{ts,tsx}",
    "pages/**/*.ts",
    "proxy.ts",
    "scripts/**/*.ts",
  ],
  ignores: ["lib/tenancy/**", "lib/generated/**"],
  selectors: [
    {
      selector: "MemberExpression[object.type!='ThisExpression'][property.name='report']",
      message: OWNED_MESSAGE,
    },
    { selector: 'TemplateElement[value.raw=/"Report"/]', message: OWNED_MESSAGE },
    { selector: 'Literal[value=/"Report"/]', message: OWNED_MESSAGE },
    // The relation from Organization: `include: { reports: true }`, a nested create.
    { selector: "ObjectExpression > Property[key.name='reports']", message: OWNED_MESSAGE },
  ],
};
