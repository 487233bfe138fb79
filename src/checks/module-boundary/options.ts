import { z } from 'zod';

/** The module layout (`rules.module-boundary.options` in .plumbline.yml); defaults follow NestJS projects. */
export const moduleBoundaryOptions = z
  .object({
    modules: z
      .array(z.string().min(1))
      .default(['src/modules/*', 'apps/*/src/modules/*', 'packages/*/src/modules/*', 'src/app/*'])
      .describe('Globs (picomatch) of module directories, repository-relative, e.g. src/modules/*. A file belongs to the nearest enclosing match.'),
    repository: z
      .array(z.string().min(1))
      .default(['*.repository.ts', '*.repository.js', '*.repo.ts', '*-repository.ts', '*.subscriber.ts', '*.subscriber.js'])
      .describe('File name globs of the files that may talk to the database, e.g. *.repository.ts; ORM entity subscribers (*.subscriber.ts) are persistence code too.'),
    facades: z
      .array(z.string().min(1))
      .default(['**/*.facade.ts', '**/*-facade.ts', '**/*.api.ts', '**/shared/**', '**/common/**', '**/core/**'])
      .describe('Globs of files whose classes other modules may inject (declared facades, shared code).'),
  })
  .strict();
export type ModuleBoundaryOptions = z.infer<typeof moduleBoundaryOptions>;
