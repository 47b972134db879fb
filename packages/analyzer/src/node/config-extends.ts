import fs from 'node:fs';
import path from 'node:path';
import ts = require('typescript');
import { unlinkedWorkspacePackage } from './workspace-packages.js';

/**
 * A config file's text with each `extends` of a workspace package that no `node_modules` links
 * (`"extends": "tsconfig/nextjs.json"` on a fresh clone of a monorepo) pointing at the package's
 * file itself, as the install's link would resolve it. Any other text is returned as it is.
 */
export function withWorkspaceExtends(configFile: string, text: string): string {
  if (!text.includes('"extends"')) return text;
  const { config } = ts.parseConfigFileTextToJson(configFile, text) as { config?: { extends?: unknown } };
  const specifiers = typeof config?.extends === 'string' ? [config.extends] : Array.isArray(config?.extends) ? config.extends.filter((item): item is string => typeof item === 'string') : [];
  let rewritten = text;
  for (const specifier of specifiers) {
    const target = workspaceConfigFile(path.dirname(configFile), specifier);
    if (!target) continue;
    const at = rewritten.indexOf(JSON.stringify(specifier), rewritten.indexOf('"extends"'));
    if (at >= 0) rewritten = `${rewritten.slice(0, at)}${JSON.stringify(target)}${rewritten.slice(at + JSON.stringify(specifier).length)}`;
  }
  return rewritten;
}

/** `tsconfig/nextjs.json`, `@acme/config/base`, `@acme/tsconfig`: the file in the workspace package it names. */
function workspaceConfigFile(from: string, specifier: string): string | undefined {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) return undefined;
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const dir = unlinkedWorkspacePackage(from, parts.slice(0, nameLength).join('/'));
  if (!dir) return undefined;
  const subpath = parts.slice(nameLength).join('/');
  const candidates = subpath ? [subpath, `${subpath}.json`, path.join(subpath, 'tsconfig.json')] : ['tsconfig.json'];
  return candidates.map((candidate) => path.join(dir, candidate)).find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
}

/** TS6053 on an `extends` ("File 'x' not found"): the base config is missing, the file's own options still stand. */
export function isMissingExtends(diagnostic: ts.Diagnostic, parsed: ts.ParsedCommandLine, configFile: string): boolean {
  if (diagnostic.code !== 6053) return false;
  const raw = parsed.raw as { extends?: unknown } | undefined;
  const specifiers = typeof raw?.extends === 'string' ? [raw.extends] : Array.isArray(raw?.extends) ? raw.extends.filter((item): item is string => typeof item === 'string') : [];
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  // A relative base is named by its resolved path.
  return specifiers.some((specifier) => message.includes(`'${specifier}'`) || message.includes(`'${path.resolve(path.dirname(configFile), specifier).replaceAll('\\', '/')}'`));
}
