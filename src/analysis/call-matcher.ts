import { Node, type CallExpression, type SourceFile, type Type } from 'ts-morph';
import { declaredModules, importedModules, usesAnyOf } from './known-modules.js';
import { z } from 'zod';
import { receiverTypeInfo, type TypeInfo } from './type-info.js';

/**
 * One entry of an API catalog in `rules/*.yml`: which calls belong to a library.
 * A call matches by type when the receiver's type resolves (library types installed),
 * and by shape (names) when it does not — the GitHub App analyses source without node_modules.
 */
export const callPatternSchema = z
  .object({
    id: z.string().describe('Stable id, e.g. "pg.query".'),
    library: z.string().describe('Library name shown in messages, e.g. "pg".'),
    modules: z.array(z.string()).default([]).describe('npm packages whose declarations identify the receiver type.'),
    types: z.array(z.string()).default([]).describe('Receiver type names (or base class names), e.g. Pool, Repository.'),
    methods: z.array(z.string()).default([]).describe('Method names; "*" for any method, "find*" for a prefix.'),
    receivers: z
      .array(z.string())
      .default([])
      .describe('Receiver shapes used when types are missing: dotted globs over the receiver text without `this.`, case-insensitive; "*" is one segment, e.g. "prisma.*", "*Repository".'),
    functions: z.array(z.string()).default([]).describe('Plain function calls, e.g. fetch.'),
    needsDependency: z
      .boolean()
      .default(false)
      .describe('By shape, match only when the file imports one of `modules` or a package.json above it declares one (for names every library uses: `db.one`, `User.update`).'),
    receiverCase: z
      .enum(['any', 'pascal'])
      .default('any')
      .describe('`pascal`: by shape, the receiver\'s last segment must start with a capital letter, as a model class does (`User`, `models.Document`).'),
  })
  .strict();

export type CallPattern = z.infer<typeof callPatternSchema>;

export interface CallMatch {
  pattern: CallPattern;
  how: 'type' | 'shape';
  /** Method (or function) name called. */
  method: string;
  /** Receiver text without `this.`, e.g. "prisma.user". Empty for plain functions. */
  receiver: string;
}

export interface MatchOptions {
  /**
   * By shape, a library with `modules` matches only when the file imports one of them or a package.json
   * above it declares one (when any package.json with dependencies is there to say). Queries and SQL sinks
   * ask for this: `manager.findOne` in a MikroORM project is not TypeORM's. Loggers do not: a project's
   * own `logger` is still a logger.
   */
  requireDependency?: boolean;
}

export function matchCall(call: CallExpression, patterns: readonly CallPattern[], options: MatchOptions = {}): CallMatch | undefined {
  const callee = call.getExpression();
  if (Node.isIdentifier(callee)) return matchFunction(callee.getText(), callee, patterns);
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  const receiverNode = callee.getExpression();
  const receiver = stripThis(receiverNode.getText());
  const named = patterns.filter((pattern) => matchesName(method, pattern.methods));
  if (named.length === 0) return undefined;
  const info = receiverTypeInfo(receiverNode);
  if (info.resolved) {
    // The project's own class named like a library type (`class QueryBuilder`) is not the library's.
    const own = options.requireDependency === true && info.ownType === true && info.modules.length === 0;
    const pattern = named.find((p) => typeMatches(info, p) && !(own && p.modules.length > 0));
    return pattern && { pattern, how: 'type', method, receiver };
  }
  let shaped = named.filter((p) => p.receivers.some((glob) => receiverMatches(receiver, glob)) && caseFits(receiver, p) && dependencyFits(p, callee.getSourceFile()));
  if (options.requireDependency && shaped.length > 0) shaped = dependedOn(shaped, callee.getSourceFile());
  const pattern = preferKnownLibrary(shaped, callee.getSourceFile());
  return pattern && { pattern, how: 'shape', method, receiver };
}

function caseFits(receiver: string, pattern: CallPattern): boolean {
  if (pattern.receiverCase === 'any') return true;
  const last = receiver.split('.').pop() ?? '';
  return /^[A-Z]/.test(last);
}

function dependencyFits(pattern: CallPattern, file: SourceFile): boolean {
  if (!pattern.needsDependency) return true;
  return usesAnyOf(importedModules(file), pattern.modules) || usesAnyOf(declaredModules(file), pattern.modules);
}

/** The patterns whose library the file can be using; all of them when no package.json says. */
export function dependedOn<P extends CallPattern>(candidates: readonly P[], file: SourceFile): P[] {
  const declared = declaredModules(file);
  if (declared.size === 0) return [...candidates];
  const imported = importedModules(file);
  return candidates.filter((c) => c.modules.length === 0 || usesAnyOf(declared, c.modules) || usesAnyOf(imported, c.modules));
}

/**
 * Several libraries can fit a receiver's name (`User.findOne`: Sequelize or Mongoose; `db.query`: pg or
 * mysql2). The one the file imports, else the one its package.json declares, is the library the call
 * goes to — and the one the message names; catalog order decides only when neither says.
 */
export function preferKnownLibrary<P extends CallPattern>(candidates: readonly P[], file: SourceFile): P | undefined {
  if (candidates.length <= 1 || new Set(candidates.map((c) => c.library)).size === 1) return candidates[0];
  const imported = importedModules(file);
  const byImport = candidates.find((c) => usesAnyOf(imported, c.modules));
  if (byImport) return byImport;
  const declared = declaredModules(file);
  return candidates.find((c) => usesAnyOf(declared, c.modules)) ?? candidates[0];
}

function matchFunction(name: string, callee: Node, patterns: readonly CallPattern[]): CallMatch | undefined {
  const pattern = patterns.find((p) => p.functions.includes(name));
  if (!pattern) return undefined;
  // A function the project declares itself under the same name is not the library's. An import
  // resolves to the library's declaration; one from a module that is not installed stays an import.
  const symbol = callee.getSymbol();
  const declarations = (symbol?.getAliasedSymbol() ?? symbol)?.getDeclarations() ?? [];
  const local = declarations.some(
    (d) => !Node.isImportSpecifier(d) && !Node.isImportClause(d) && !d.getSourceFile().isInNodeModules() && !d.getSourceFile().isDeclarationFile(),
  );
  if (local) return undefined;
  return { pattern, how: declarations.length > 0 ? 'type' : 'shape', method: name, receiver: '' };
}

function typeMatches(info: TypeInfo, pattern: CallPattern): boolean {
  const names = info.names;
  if (!pattern.types.some((t) => names.includes(t))) return false;
  if (pattern.modules.length === 0 || info.modules.length === 0) return true;
  return info.modules.some((m) => pattern.modules.includes(m));
}

export function matchesName(name: string, globs: readonly string[]): boolean {
  if (globs.length === 1) return globToRegExp(globs[0], false).test(name);
  let matcher = listMatchers.get(globs);
  if (!matcher) {
    // One expression for the whole list: checks ask this for every call of every file, often with a catalog's 100 globs.
    matcher = globs.length === 0 ? /(?!)/ : new RegExp(globs.map((glob) => `(?:${globToRegExp(glob, false).source})`).join('|'));
    listMatchers.set(globs, matcher);
  }
  return matcher.test(name);
}

/** Compiled glob lists by list: catalog entries are parsed once and never changed. */
const listMatchers = new WeakMap<readonly string[], RegExp>();

export function receiverMatches(receiver: string, glob: string): boolean {
  return globToRegExp(glob, true).test(receiver);
}

export function stripThis(text: string): string {
  return text.replace(/^this\s*\.\s*/, '').replace(/\s+/g, '');
}

const regexCache = new Map<string, RegExp>();
function globToRegExp(glob: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}:${glob}`;
  let re = regexCache.get(key);
  if (!re) {
    const body = glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^.]*');
    re = new RegExp(`^${body}$`, caseInsensitive ? 'i' : '');
    regexCache.set(key, re);
  }
  return re;
}

export type { Type };
