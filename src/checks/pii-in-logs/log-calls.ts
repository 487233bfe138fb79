import { Node, type CallExpression, type ParameterDeclaration } from 'ts-morph';
import { valueDeclarationOf } from '../../analysis/request-input.js';
import { matchLogger, type LoggerMatch } from '../../analysis/logger-match.js';
import { declarationOfValue, unwrap, valuesOfArgument, type LoggedValue } from './logged-values.js';
import type { Vocabulary } from './vocabulary.js';

/** A logged value with the catalogued logger call that finally writes it. */
export interface SinkValue extends LoggedValue {
  logger: LoggerMatch;
  /** The catalogued logger call; differs from the call under review when that goes through a wrapper. */
  sinkCall: CallExpression;
}

/** A wrapper parameter that reaches a logger: `info(msg, data) { this.pino.info(data, msg) }`. */
interface Forward {
  index: number;
  rest: boolean;
  value: SinkValue;
}

type FunctionLike = Node & { getParameters(): ParameterDeclaration[] };

/** How many wrapper levels are followed (`audit()` → `AppLogger.info()` → `pino.info()`). */
const MAX_WRAPPER_DEPTH = 3;

/**
 * Finds what a call logs: the arguments of a catalogued logger call, or — for a function or method of
 * the project that forwards its parameters to a logger (a wrapper, found from its body) — the
 * arguments given for those parameters.
 */
export class LogCallFinder {
  private readonly forwards = new Map<Node, Forward[]>();
  private readonly inProgress = new Set<Node>();

  constructor(
    private readonly vocabulary: Vocabulary,
    /** Is this value reported where the wrapper logs it (a typed `user: User` parameter)? Then callers are not. */
    private readonly reportedInWrapper: (value: SinkValue) => boolean,
  ) {}

  /** The values this call writes to a log, or undefined when it is not a log call. */
  valuesOf(call: CallExpression, depth = 0): SinkValue[] | undefined {
    const logger = matchLogger(call, this.vocabulary.loggers);
    if (logger) {
      return call
        .getArguments()
        .flatMap((argument, i) => valuesOfArgument(argument, i, this.vocabulary).map((v) => ({ ...v, logger, sinkCall: call })));
    }
    if (depth >= MAX_WRAPPER_DEPTH) return undefined;
    const fn = wrapperDeclaration(call);
    const forwards = fn && this.forwardsOf(fn, depth);
    if (!forwards || forwards.length === 0) return undefined;
    const args = call.getArguments();
    return forwards.flatMap((forward) => {
      const given = forward.rest ? args.slice(forward.index) : args.slice(forward.index, forward.index + 1);
      return given.flatMap((argument, k) =>
        valuesOfArgument(argument, forward.value.argIndex + k, this.vocabulary).map((v) => ({
          ...v,
          keyPath: joinKeyPath(forward.value.keyPath, v.keyPath),
          logger: forward.value.logger,
          sinkCall: forward.value.sinkCall,
        })),
      );
    });
  }

  /** The wrapper's parameters that its body passes, whole, to a log call. */
  private forwardsOf(fn: FunctionLike, depth: number): Forward[] | undefined {
    const cached = this.forwards.get(fn);
    if (cached) return cached;
    if (this.inProgress.has(fn)) return undefined;
    this.inProgress.add(fn);
    const parameters = fn.getParameters();
    const result: Forward[] = [];
    for (const inner of fn.getDescendants().filter(Node.isCallExpression)) {
      for (const value of this.valuesOf(inner, depth + 1) ?? []) {
        const declaration = declarationOfValue(value.node);
        const index = parameters.findIndex((p) => p === declaration);
        if (index < 0 || this.reportedInWrapper(value)) continue;
        result.push({ index, rest: parameters[index].isRestParameter(), value });
      }
    }
    this.inProgress.delete(fn);
    this.forwards.set(fn, result);
    return result;
  }
}

/** The project function or method a call runs, when its body is in the project. */
export function wrapperDeclaration(call: CallExpression): FunctionLike | undefined {
  const callee = unwrap(call.getExpression());
  const name = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : Node.isIdentifier(callee) ? callee : undefined;
  let declaration = name && valueDeclarationOf(name);
  if (!declaration || declaration.getSourceFile().isInNodeModules() || declaration.getSourceFile().isDeclarationFile()) return undefined;
  if (Node.isVariableDeclaration(declaration) || Node.isPropertyDeclaration(declaration) || Node.isPropertyAssignment(declaration)) {
    declaration = declaration.getInitializer();
  }
  if (declaration && (Node.isFunctionDeclaration(declaration) || Node.isMethodDeclaration(declaration) || Node.isArrowFunction(declaration) || Node.isFunctionExpression(declaration))) {
    return declaration.getBody() ? declaration : undefined;
  }
  return undefined;
}

/**
 * Where an argument given to a wrapper lands in the record: under the key the wrapper logs the
 * parameter at; text given for a parameter that sits under a key is censored with that key.
 */
function joinKeyPath(outer: string[] | undefined, inner: string[] | undefined): string[] | undefined {
  if (outer === undefined) return undefined;
  if (inner === undefined) return outer.length > 0 ? outer : undefined;
  return [...outer, ...inner];
}
