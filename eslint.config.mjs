import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { LAYERS, ORGANIZATION_OWNED } from "./eslint.layers.mjs";

// The layering, enforced: for each folder, the imports it may not make
// (eslint.layers.mjs says which and why). A back-edge fails `npm run lint`;
// test/unit/import-rules.test.ts proves that it does.
const layering = LAYERS.map(({ files, forbidden }) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns: forbidden }] },
}));

const config = [
  ...nextVitals,
  ...nextTypescript,
  ...layering,
  {
    files: ORGANIZATION_OWNED.files,
    ignores: ORGANIZATION_OWNED.ignores,
    rules: { "no-restricted-syntax": ["error", ...ORGANIZATION_OWNED.selectors] },
  },
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "playwright-report/**",
      "test-results/**",
      ".stryker-tmp/**",
      "reports/**",
      "next-env.d.ts",
      // The peers' own app (npm run bench:peers): its own package.json, tsconfig and dependencies.
      "scripts/bench/peers/**",
    ],
  },
];

export default config;
