// ESLint: the TypeScript and React Hooks rules, and the layer rules of docs/architecture.md as
// import rules, so a rule that matters never depends on memory. `npm run lint` (and `npm test`)
// runs it with --max-warnings=0.
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const root = fileURLToPath(new URL(".", import.meta.url));

/** Packages only one layer may import, and where they are refused. */
const NOT_IN_PURE_CODE = [
  { group: ["react", "react-dom", "react/*", "react-dom/*"], message: "Pure code imports no React." },
  { group: ["next", "next/*"], message: "Pure code imports no Next.js." },
  { group: ["@prisma/*", "prisma", "**/db/generated*/**"], message: "Pure code imports no Prisma." },
  { group: ["socket.io", "socket.io-client"], message: "Pure code imports no Socket.IO." },
];
const BROKER_CLIENTS = {
  group: ["redis", "@redis/*", "@nats-io/*"],
  message: "Only server/brokers/ imports broker clients.",
};
const SOCKET_IO_SERVER = {
  group: ["socket.io", "@socket.io/*"],
  message: "Only server/gateway/ touches Socket.IO on the server.",
};
const CLASSIC_ZOD = {
  regex: "^zod(/v4(/classic)?|/v3)?$",
  message:
    'This code runs in the browser: import zod/mini through lib/zod.ts (`import * as z from "…/zod"`).',
};
const NODE_BUILTINS = {
  group: ["node:*", "fs", "path", "crypto", "os", "child_process", "net", "http", "worker_threads"],
  message: "lib/ runs in the browser too: no Node-only modules.",
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      ".next-*/",
      "server/db/generated/",
      "server/db/generated-pg/",
      "next-env.d.ts",
      "test-results/",
      "playwright-report/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/external-module-folders": ["node_modules", "node_modules/@types"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [
        createNodeResolver({
          extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
          conditionNames: ["types", "import", "require", "default"],
          tsconfig: { configFile: `${root}tsconfig.json` },
        }),
      ],
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["warn", { fixStyle: "inline-type-imports" }],
      // Value imports in a circle make load order matter; a type-only import is erased.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-self-import": "error",
      "import-x/no-duplicates": "warn",
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./lib",
              from: ["./app", "./components", "./server", "./e2e", "./bench"],
              message: "lib/ is pure and shared: it imports no app, server or UI code.",
            },
            {
              target: "./server/runtime",
              from: ["./app", "./components", "./server"],
              except: ["./runtime"],
              message: "The runtime is a pure engine: no transport, storage or UI code.",
            },
            {
              target: "./server",
              from: ["./app", "./components"],
              message: "Server code imports no routes or UI.",
            },
            {
              target: "./components",
              from: ["./server", "./app"],
              message: "The browser UI reaches the server through lib/api, never by import.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.tsx", "components/**/*.ts", "app/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [...NOT_IN_PURE_CODE, NODE_BUILTINS, CLASSIC_ZOD] }],
    },
  },
  {
    // Every page with a live view imports the protocol: zod's 19 KB comes with a value import of it.
    files: ["lib/realtime/protocol.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/zod", "zod", "zod/*", "./requests"],
              allowTypeImports: true,
              message:
                "The browser's pages import the protocol: the server's zod checks live in requests.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/runtime/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...NOT_IN_PURE_CODE, BROKER_CLIENTS] }] },
  },
  {
    files: ["server/**/*.ts", "server/**/*.tsx"],
    ignores: ["server/runtime/**", "server/gateway/**", "server/brokers/**", "server/cluster/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [SOCKET_IO_SERVER, BROKER_CLIENTS] }] },
  },
  {
    // Servers of a cluster coordinate (leases) through Redis: its client, but no broker's.
    files: ["server/cluster/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            SOCKET_IO_SERVER,
            { group: ["@nats-io/*"], message: "The cluster coordinates through Redis only." },
          ],
        },
      ],
    },
  },
  {
    files: ["server/gateway/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [BROKER_CLIENTS] }] },
  },
  {
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [BROKER_CLIENTS, CLASSIC_ZOD] }] },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [BROKER_CLIENTS] }] },
  },
  {
    // Tests and benchmarks may reach across layers to set up what they measure.
    files: ["**/*.test.ts", "**/*.test.tsx", "e2e/**", "bench/**", "scripts/**"],
    rules: { "import-x/no-restricted-paths": "off", "no-restricted-imports": "off" },
  },
);
