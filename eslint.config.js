// Lint for the atlas's own script. The page's modules are classic scripts (inlined in order into
// every page, each defining one global); the tests are CommonJS run by Node's test runner.
"use strict";
const js = require("@eslint/js");

const browser = { window: "readonly", document: "readonly", L: "readonly", performance: "readonly" };
const node = { require: "readonly", module: "writable", process: "readonly" };
const modules = { MMDates: "writable", MMNames: "writable", MMStyle: "writable", MMTimeline: "writable" };

module.exports = [
  js.configs.recommended,
  {
    files: ["mmatlas/render/atlas/static/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...browser, ...modules, module: "readonly" },
    },
    rules: {
      "no-var": "off",
      eqeqeq: "error",
      "no-implicit-globals": "off",
      "no-redeclare": ["error", { builtinGlobals: false }],
      "no-unused-vars": ["error", { args: "none" }],
    },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: node },
  },
];
