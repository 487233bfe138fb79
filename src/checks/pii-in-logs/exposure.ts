import { Node, type Type } from 'ts-morph';
import type { Catalog } from '../../core/catalog.js';
import { GETTER, unwrap, type LoggedValue } from './logged-values.js';
import { matchSensitiveName } from './name-words.js';
import { decoratedFieldName, requestPartOf } from './request-parts.js';
import { valueDeclarationOf } from '../../analysis/request-input.js';
import { isForwarder } from './wrapper-findings.js';
import { kindCarriesTerm, sensitivePropertiesOf, valueKind } from './value-type.js';
import type { Category, Vocabulary } from './vocabulary.js';

/** What a logged value exposes, before redaction is taken into account. */
export interface Exposure {
  messageId: 'credentialLogged' | 'personalDataLogged' | 'objectLogged' | 'requestLogged' | 'unknownLogged';
  category: Category;
  data: Record<string, string>;
  /** Paths under the value that must be censored for it to be safe; [] is the value itself. */
  paths: string[][];
  /** For the fix: `name` (log an id or mask), `object` (pick fields), `request` (log method/url). */
  shape: 'name' | 'object' | 'request';
}

const MAX_LISTED = 5;
const ID_KEY = /^id$|[a-z0-9]Id$|_id$|ID$|[a-z0-9]Ids$|_ids$/;
const ERROR_NAME = /^(e|err|error|exception|reason|cause|ex)$|(Error|Exception)$/i;
const OPAQUE = /^(unknown|any|Record<string, ?(unknown|any)>|\{ ?\[\w+: string\]: ?(unknown|any);? ?\})$/;

/**
 * The written type (`unknown`, `any`, `Record<string, unknown>`) of a variable or parameter logged whole,
 * when the code declares it so — not a type the checker lost (a library that is not installed), not a
 * caught error, not a value named like an error.
 */
function declaredOpaque(node: Node): string | undefined {
  if (!Node.isIdentifier(node) || ERROR_NAME.test(node.getText())) return undefined;
  // `{ payload }`: the shorthand's own symbol is the property; the value's is the variable it reads.
  const holder = node.getParent();
  const declaration = Node.isShorthandPropertyAssignment(holder) ? holder.getValueSymbol()?.getValueDeclaration() : valueDeclarationOf(node);
  if (!declaration || !(Node.isParameterDeclaration(declaration) || Node.isVariableDeclaration(declaration))) return undefined;
  if (Node.isVariableDeclaration(declaration) && Node.isCatchClause(declaration.getParent())) return undefined;
  // A logger facade's own parameter: its callers' values decide (followed as a wrapper).
  if (Node.isParameterDeclaration(declaration) && isForwarder(declaration.getParentOrThrow())) return undefined;
  const written = declaration.getTypeNode()?.getText().replace(/\s+/g, ' ');
  return written !== undefined && OPAQUE.test(written) ? written : undefined;
}

/**
 * Is this logged value sensitive, and why: a part of an HTTP request, a name that says it is a
 * credential or personal data (and a type that can hold it), or an object whose type has such properties.
 */
export function exposureOf(value: LoggedValue, vocabulary: Vocabulary, catalog: Catalog): Exposure | undefined {
  const node = unwrap(value.node);
  // `await loadUser()` logs what the promise resolves to.
  const type = Node.isAwaitExpression(value.node) ? value.node.getType() : node.getType();
  const kind = valueKind(type);
  // In a template literal or `+`, an object is written as `[object Object]`: neither its fields nor its name are logged.
  if (value.inText && kind === 'object' && !isTextArray(type)) return undefined;
  const field = decoratedFieldName(node);
  // One text field of a request (`@Headers('x-request-id') id`, `@Body('email') email`) is judged by its name.
  const part = field !== undefined && kind === 'string' ? undefined : requestPartOf(node, vocabulary.requestParts, catalog);
  // A body or DTO whose fields are known is judged by them; headers and cookies always carry secrets.
  const knownFields = kind === 'object' && type.getProperties().length > 0;
  if (part && !(part.category === 'personal' && knownFields)) {
    if (kind !== 'object' && kind !== 'unknown' && kind !== 'string') return undefined;
    return {
      messageId: 'requestLogged',
      category: part.category,
      data: { part: part.part, carries: part.carries },
      paths: part.paths.map((p) => (p === '' ? [] : p.split('.'))),
      shape: 'request',
    };
  }
  // `{ providerId: event.user }`: under a key that names an identifier, a value named like a record is its id.
  const underIdKey = value.alias !== undefined && ID_KEY.test(value.alias) && !matchSensitiveName(value.alias, vocabulary) && kind !== 'object';
  for (const [name, isOwnName] of [[nameOf(node, vocabulary), true], [value.alias, false], [field, false]] as const) {
    const match = name === undefined ? undefined : matchSensitiveName(name, vocabulary);
    if (match?.term.record && underIdKey) continue;
    // `{ user: user.id }`: a key names a record, the value is a field of it.
    if (match && match.term.withProperties.length > 0 && !besideProperties(node, match.term.withProperties)) continue;
    if (match && !(match.term.record && !isOwnName) && kindCarriesTerm(kind, match.term) && !hasTypeName(type, match.term.notTypes)) {
      const credential = match.term.category === 'credential';
      return {
        messageId: credential ? 'credentialLogged' : 'personalDataLogged',
        category: match.term.category,
        data: { label: match.term.label },
        paths: [[]],
        shape: 'name',
      };
    }
  }
  // A payload declared `unknown`/`any` and logged whole: nothing says what it holds (a question, info).
  if ((kind === 'unknown' || kind === 'object') && !value.inText && declaredOpaque(node)) {
    return { messageId: 'unknownLogged', category: 'personal', data: { type: declaredOpaque(node)! }, paths: [[]], shape: 'object' };
  }
  if (kind !== 'object') return undefined;
  const properties = sensitivePropertiesOf(type, node, vocabulary);
  if (properties.length === 0) return undefined;
  const credential = properties.some((p) => p.match.term.category === 'credential');
  const listed = properties.slice(0, MAX_LISTED).map((p) => `\`${p.path.join('.')}\``);
  if (properties.length > MAX_LISTED) listed.push(`${properties.length - MAX_LISTED} more`);
  return {
    messageId: 'objectLogged',
    category: credential ? 'credential' : 'personal',
    data: { type: typeName(type.getText(node)), properties: listed.join(', '), kind: kindLabel(properties.map((p) => p.match.term.category)) },
    paths: properties.map((p) => p.path),
    shape: 'object',
  };
}

/**
 * `mail.to` where `mail`'s type has `subject`, or `{ to, subject }` / `{ to: x, subject }`: the value sits
 * in an object that also has one of these properties.
 */
function besideProperties(node: Node, properties: readonly string[]): boolean {
  if (Node.isPropertyAccessExpression(node)) {
    const receiver = node.getExpression().getType();
    return properties.some((p) => receiver.getProperty(p) !== undefined);
  }
  const holder = node.getParent();
  const object = holder && (Node.isShorthandPropertyAssignment(holder) || Node.isPropertyAssignment(holder)) ? holder.getParent() : undefined;
  return Node.isObjectLiteralExpression(object) && properties.some((p) => object.getProperty(p) !== undefined);
}

function isTextArray(type: Type): boolean {
  const element = type.getArrayElementType();
  return element !== undefined && ['string', 'unknown'].includes(valueKind(element));
}

function hasTypeName(type: Type, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  return parts.some((t) => [t.getSymbol(), t.getAliasSymbol()].some((s) => s !== undefined && names.includes(s.getName())));
}

/** The name a value goes by: `email`, `dto.password` → password, `headers['set-cookie']` → set-cookie. */
/**
 * The name a value goes by: `password`, `user.email` → `email`, `getPassword()` → `Password` (a getter
 * returns what it names), and `user.name` → a person's full name (the `name` of a person record).
 */
function nameOf(node: Node, vocabulary: Vocabulary): string | undefined {
  if (Node.isIdentifier(node)) return node.getText();
  if (Node.isPropertyAccessExpression(node)) {
    const receiver = unwrap(node.getExpression());
    if (node.getName() === 'name' && isPersonRecord(receiver, vocabulary)) return 'fullName';
    return node.getName();
  }
  if (Node.isCallExpression(node) && node.getArguments().length === 0) {
    const callee = node.getExpression();
    const called = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : '';
    const getter = GETTER.exec(called);
    if (getter) return getter[2];
  }
  if (Node.isElementAccessExpression(node)) {
    const argument = node.getArgumentExpression();
    if (argument && (Node.isStringLiteral(argument) || Node.isNoSubstitutionTemplateLiteral(argument))) return argument.getLiteralValue();
  }
  return undefined;
}

function isPersonRecord(receiver: Node, vocabulary: Vocabulary): boolean {
  const name = Node.isIdentifier(receiver) ? receiver.getText() : Node.isPropertyAccessExpression(receiver) ? receiver.getName() : undefined;
  const match = name === undefined ? undefined : matchSensitiveName(name, vocabulary);
  return match?.term.record === true;
}

function kindLabel(categories: Category[]): string {
  const credential = categories.includes('credential');
  const personal = categories.includes('personal');
  return credential && personal ? 'credentials and personal data' : credential ? 'credentials' : 'personal data';
}

/** `import("/x/entities").User` → `User`; long object types are shortened. */
function typeName(text: string): string {
  const short = text.replace(/import\([^)]*\)\./g, '');
  return short.length > 40 ? `${short.slice(0, 37)}...` : short;
}
