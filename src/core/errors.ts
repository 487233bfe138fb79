/**
 * A known error: bad input, usage or configuration. Printed as one line without a stack; exit code 2.
 * Anything else that escapes is a bug and is reported with "run with --debug".
 */
export class UserError extends Error {
  readonly exitCode = 2;
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UserError';
  }
}
