import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
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
    ],
  },
];

export default config;
