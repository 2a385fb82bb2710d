// Shared lint rules for every workspace (each package runs `eslint src`).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import noImportCycle from "./eslint-rules/no-import-cycle.js";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { zklite: { rules: { "no-import-cycle": noImportCycle } } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-constant-condition": ["error", { checkLoops: false }],
      // no module may import (directly or through others, type-only imports included) one that imports it back
      "zklite/no-import-cycle": "error",
    },
  },
);
