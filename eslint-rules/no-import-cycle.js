// ESLint rule `zklite/no-import-cycle`: a module must not import (by any path of relative imports) a module that
// imports it back. Unlike import-x/no-cycle it counts type-only imports too (`import type`, `{ type X }`): a cycle
// through a type is still two modules that cannot be understood, tested or moved apart, and both cycles removed
// from @zklite/state had a type-only edge. Imports of other packages are not followed: package cycles are refused
// by npm workspaces and Turborepo already.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs"];
const COMPILED_TO_SOURCE = { ".js": [".ts", ".tsx"], ".mjs": [".mts"], ".cjs": [".cts"] };

/** The file a relative specifier names (NodeNext style `./x.js` for `./x.ts`, or extensionless), if any. */
function resolveRelative(fromFile, specifier) {
  const target = path.resolve(path.dirname(fromFile), specifier);
  const extension = path.extname(target);
  const base = target.slice(0, target.length - extension.length);
  const candidates = [
    ...(COMPILED_TO_SOURCE[extension] ?? []).map((source) => base + source),
    target,
    ...SOURCE_EXTENSIONS.map((source) => target + source),
    ...SOURCE_EXTENSIONS.map((source) => path.join(target, `index${source}`)),
  ];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

const edgesCache = new Map();

/** Resolved relative imports of a file on disk (cached by modification time for the lint run). */
function importsOf(file) {
  const modified = statSync(file).mtimeMs;
  const cached = edgesCache.get(file);
  if (cached !== undefined && cached.modified === modified) return cached.targets;
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  const targets = importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => resolveRelative(file, specifier))
    .filter((target) => target !== undefined);
  edgesCache.set(file, { modified, targets });
  return targets;
}

/** The shortest chain of imports from `start` back to `file`, or undefined. */
function routeBack(start, file) {
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift();
    for (const next of importsOf(current)) {
      if (next === file) {
        const route = [];
        for (let at = current; at !== undefined; at = previous.get(at)) route.unshift(at);
        return route;
      }
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return undefined;
}

export default {
  meta: {
    type: "problem",
    docs: { description: "Forbid import cycles between a package's modules, type-only imports included" },
    schema: [],
    messages: { cycle: "Import cycle: {{route}}" },
  },
  create(context) {
    const file = context.physicalFilename;
    if (!path.isAbsolute(file)) return {};
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== "string" || !specifier.startsWith(".")) return;
      const target = resolveRelative(file, specifier);
      if (target === undefined || target === file) return;
      const route = routeBack(target, file);
      if (route === undefined) return;
      const names = [file, ...route, file].map((step) => path.relative(path.dirname(file), step) || path.basename(step));
      context.report({ node, messageId: "cycle", data: { route: names.join(" → ") } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
