import path from 'node:path';
import picomatch from 'picomatch';
import type { SourceFile } from 'ts-morph';
import type { ModuleBoundaryOptions } from './options.js';

/** Where a file sits in the module layout: its module (`src/modules/orders`) and role. */
export interface ModulePlace {
  /** Repository-relative directory of the module. */
  module: string;
  /** The module's name: the directory's last segment (`orders`). */
  name: string;
  repository: boolean;
  facade: boolean;
}

export class ModuleLayout {
  private readonly isModuleDir: (dir: string) => boolean;
  private readonly isRepository: (base: string) => boolean;
  private readonly isFacade: (relative: string) => boolean;

  constructor(
    private readonly root: string,
    options: ModuleBoundaryOptions,
  ) {
    this.isModuleDir = picomatch(options.modules, { dot: true });
    this.isRepository = picomatch(options.repository, { basename: true });
    this.isFacade = picomatch(options.facades, { dot: true });
  }

  /** The module a file belongs to: the nearest enclosing directory matching `modules`. */
  placeOf(file: SourceFile): ModulePlace | undefined {
    const relative = path.relative(this.root, file.getFilePath()).split(path.sep).join('/');
    if (relative.startsWith('..')) return undefined;
    const parts = relative.split('/');
    for (let end = parts.length - 1; end > 0; end--) {
      const dir = parts.slice(0, end).join('/');
      if (this.isModuleDir(dir)) {
        return { module: dir, name: parts[end - 1], repository: this.isRepository(parts.at(-1)!), facade: this.isFacade(relative) };
      }
    }
    return undefined;
  }
}
