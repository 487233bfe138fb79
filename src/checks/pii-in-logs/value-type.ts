import { Node, type Symbol as MorphSymbol, type Type } from 'ts-morph';
import { matchSensitiveName, type NameMatch } from './name-words.js';
import type { SensitiveTerm, Vocabulary } from './vocabulary.js';

/**
 * What kind of value a type holds, as far as logging it goes. `constant` covers string literal
 * types and enums (text written in the code, not data about a person); `unknown` is `any`, `unknown`,
 * a type parameter or a type from a library that is not installed: names decide then.
 */
export type ValueKind = 'string' | 'number' | 'boolean' | 'date' | 'constant' | 'function' | 'nullish' | 'object' | 'unknown';

export function valueKind(type: Type): ValueKind {
  if (type.isAny() || type.isUnknown() || type.isTypeParameter() || type.getText() === 'error') return 'unknown';
  if (type.isBoolean() || type.isBooleanLiteral()) return 'boolean';
  if (type.isUnion()) {
    const kinds = new Set(type.getUnionTypes().map(valueKind).filter((k) => k !== 'nullish'));
    if (kinds.size === 0) return 'nullish';
    if (kinds.size === 1) return [...kinds][0];
    for (const kind of ['unknown', 'string', 'object'] as const) if (kinds.has(kind)) return kind;
    if ([...kinds].every((k) => k === 'boolean' || k === 'constant')) return 'boolean';
    return 'constant';
  }
  if (type.isNull() || type.isUndefined() || type.isVoid() || type.isNever()) return 'nullish';
  if (type.isEnum() || type.isEnumLiteral() || type.isStringLiteral() || type.isTemplateLiteral()) return 'constant';
  if (type.isString()) return 'string';
  if (type.isNumber() || type.isNumberLiteral() || type.isBigInt() || type.isBigIntLiteral()) return 'number';
  if (type.getSymbol()?.getName() === 'Date') return 'date';
  if (type.getCallSignatures().length > 0) return 'function';
  if (type.isObject() || type.isIntersection()) return 'object';
  return 'unknown';
}

/** Is a value of this kind the data a term names? Flags, counts and timestamps are not, unless the term says so. */
export function kindCarriesTerm(kind: ValueKind, term: SensitiveTerm): boolean {
  if (term.record) return kind === 'unknown';
  if (kind === 'string' || kind === 'unknown' || kind === 'object') return true;
  if (kind === 'number' || kind === 'date' || kind === 'boolean') return term.dataTypes.includes(kind);
  return false;
}

export interface SensitiveProperty {
  /** Property path inside the object, e.g. ["customer", "email"]. */
  path: string[];
  match: NameMatch;
}

const MAX_PROPERTIES = 300;

/**
 * The sensitive properties a logged object carries by its type (`User` → email, passwordHash), one
 * level deep into nested project types (`Order.customer.email`). Library types are looked at on their
 * own level only, and a type with a `toJSON` method is not looked into: it decides what is written.
 */
export function sensitivePropertiesOf(type: Type, at: Node, vocabulary: Vocabulary): SensitiveProperty[] {
  const found: SensitiveProperty[] = [];
  const seen = new Set<Type>();
  let budget = MAX_PROPERTIES;
  const visit = (t: Type, prefix: string[], depth: number) => {
    const target = t.isArray() ? t.getArrayElementTypeOrThrow() : t.getNonNullableType();
    if (seen.has(target) || valueKind(target) !== 'object' || target.getProperty('toJSON')) return;
    seen.add(target);
    for (const property of target.getProperties()) {
      if (--budget < 0) return;
      const propertyType = property.getTypeAtLocation(at);
      const kind = valueKind(propertyType);
      if (kind === 'function' || isMethod(property)) continue;
      // `registration.cookies` (a `CookieStoreManager`): an object of methods is a handle to an API, not the data.
      if (kind === 'object' && isHandle(propertyType, at)) continue;
      const match = matchSensitiveName(property.getName(), vocabulary);
      const beside = match === undefined || match.term.withProperties.length === 0 || match.term.withProperties.some((p) => type.getProperty(p) !== undefined);
      if (match && beside && !match.term.record && kindCarriesTerm(kind, match.term) && !match.term.notTypes.some((n) => propertyType.getSymbol()?.getName() === n)) {
        found.push({ path: [...prefix, property.getName()], match });
      } else if (kind === 'object' && depth < 1 && isProjectSymbol(property)) {
        visit(propertyType, [...prefix, property.getName()], depth + 1);
      }
    }
  };
  visit(type, [], 0);
  return found;
}

function isMethod(property: MorphSymbol): boolean {
  return property.getDeclarations().some((d) => Node.isMethodDeclaration(d) || Node.isMethodSignature(d));
}

function isProjectSymbol(property: MorphSymbol): boolean {
  const declarations = property.getDeclarations();
  return declarations.length > 0 && declarations.every((d) => !d.getSourceFile().isInNodeModules() && !d.getSourceFile().isDeclarationFile());
}

/** An object type whose properties are all methods or functions: an API handle, which logging writes as `{}`. */
function isHandle(type: Type, at: Node): boolean {
  const properties = type.getProperties();
  return properties.length > 0 && properties.every((p) => isMethod(p) || valueKind(p.getTypeAtLocation(at)) === 'function');
}
