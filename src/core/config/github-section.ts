import { z } from 'zod';
import { FAIL_ON_VALUES } from './severity.js';

/**
 * The `github` section of `.plumbline.yml`: how the GitHub App reports on pull requests.
 * A starting point; the GitHub App engineer extends it (strict, described, with defaults).
 */
export const githubSectionSchema = z
  .strictObject({
    maxInlineComments: z
      .number()
      .int()
      .min(0)
      .default(25)
      .describe('Most inline review comments per push; the rest are listed in the summary comment.'),
    failOn: z
      .enum(FAIL_ON_VALUES)
      .optional()
      .describe('Check-run conclusion gate for the App; default: the top-level failOn.'),
  })
  .describe('The GitHub App: PR comments and check runs.');

export type GithubSection = z.output<typeof githubSectionSchema>;
