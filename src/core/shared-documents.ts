import { ts, type Project } from 'ts-morph';

type ScriptSnapshot = ts.IScriptSnapshot;
type Settings = ts.CompilerOptions | ts.MinimalResolutionCacheHost;

// `ts.sourceFileAffectingCompilerOptions` is internal; the list is TypeScript 5.9's, used if it goes.
const AFFECTING =
  (ts as unknown as { sourceFileAffectingCompilerOptions?: Array<{ name: string }> }).sourceFileAffectingCompilerOptions?.map((o) => o.name) ??
  ['target', 'module', 'jsx', 'importHelpers', 'alwaysStrict', 'noFallthroughCasesInSwitch', 'moduleResolution', 'jsxImportSource', 'allowUnusedLabels', 'allowUnreachableCode', 'moduleDetection'];

/** What TypeScript infers when no script kind is given (the compiler host gives none, the language service does). */
function kindOf(fileName: string): ts.ScriptKind {
  if (/\.[cm]?tsx$/.test(fileName) || fileName.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(fileName)) return ts.ScriptKind.TS;
  if (fileName.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(fileName)) return ts.ScriptKind.JS;
  if (fileName.endsWith('.json')) return ts.ScriptKind.JSON;
  return ts.ScriptKind.Unknown;
}

function optionsOf(settings: Settings): ts.CompilerOptions {
  const host = settings as ts.MinimalResolutionCacheHost;
  return typeof host.getCompilationSettings === 'function' ? host.getCompilationSettings() : (settings as ts.CompilerOptions);
}

/**
 * Syntax trees shared by the ts-morph projects of one review. A monorepo loads one project per
 * tsconfig, and each would otherwise parse its own copy of the standard library's declarations and of
 * every shared workspace package it imports. TypeScript's language service shares source files
 * between programs the same way (its DocumentRegistry): a tree depends only on its text and on the
 * compiler options that affect parsing and binding (`ts.sourceFileAffectingCompilerOptions`), never
 * on the program; checker results live in each checker, not on the tree.
 */
export class SharedDocuments {
  private readonly trees = new Map<string, ts.SourceFile>();

  /**
   * Makes the project take its syntax trees from this cache. Call before adding any file. The
   * project's registry object is changed in place: its language service holds it from construction.
   */
  attach(project: Project): void {
    const registry = (project as unknown as { _context: { compilerFactory: { documentRegistry: RegistryLike } } })._context.compilerFactory.documentRegistry;
    const create = registry.createOrUpdateSourceFile.bind(registry);
    const acquire = registry.acquireDocument.bind(registry);
    // The project's own registry still builds each tree (versions, script kinds); this cache decides when.
    registry.createOrUpdateSourceFile = (fileName, settings, snapshot, scriptKind) =>
      this.shared(fileName, settings, snapshot, scriptKind, () => create(fileName, settings, snapshot, scriptKind));
    registry.acquireDocument = (fileName, settings, snapshot, version, scriptKind) =>
      this.shared(fileName, settings, snapshot, scriptKind, () => acquire(fileName, settings, snapshot, version, scriptKind));
  }

  private shared(fileName: string, settings: Settings, snapshot: ScriptSnapshot, scriptKind: ts.ScriptKind | undefined, make: () => ts.SourceFile): ts.SourceFile {
    const options = optionsOf(settings);
    const key = `${AFFECTING.map((name) => JSON.stringify(name === 'alwaysStrict' ? (options.alwaysStrict ?? options.strict) : options[name])).join()}|${scriptKind ?? kindOf(fileName)}|${fileName}`;
    const cached = this.trees.get(key);
    if (cached && cached.text === snapshot.getText(0, snapshot.getLength())) return cached;
    const tree = make();
    this.trees.set(key, tree);
    return tree;
  }
}

/** ts-morph's DocumentRegistry: TypeScript's interface plus the two methods its CompilerFactory uses. */
interface RegistryLike {
  createOrUpdateSourceFile(fileName: string, settings: ts.CompilerOptions, snapshot: ScriptSnapshot, scriptKind?: ts.ScriptKind): ts.SourceFile;
  acquireDocument(fileName: string, settings: Settings, snapshot: ScriptSnapshot, version: string, scriptKind?: ts.ScriptKind): ts.SourceFile;
}
