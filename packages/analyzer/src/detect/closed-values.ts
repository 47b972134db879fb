import ts = require('typescript');
import type { DetectionContext } from './detection-context.js';
import type { KeyPattern } from './key-pattern.js';
import { skipOuter } from './module-binding.js';

const MAX_DEPTH = 4;
const LITERAL_FLAGS = ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral | ts.TypeFlags.BooleanLiteral | ts.TypeFlags.EnumLiteral | ts.TypeFlags.Undefined | ts.TypeFlags.Null;

/**
 * A key whose run-time parts can each take only the few values the code spells out (`open-seat:${mode}`
 * with `mode: 'blitz' | 'rapid'`, an enum, a boolean): a small fixed family of keys, as a constant is one key.
 */
export function isClosedFamily(key: KeyPattern, context: DetectionContext): boolean {
  return key.hasDynamicPart && key.parts.every((part) => part.kind === 'text' || (part.node !== undefined && isClosedValue(part.node, context)));
}

/** A value typed as a union of literals, an enum or a boolean; or an enum's member. */
function isClosedValue(expression: ts.Expression, context: DetectionContext): boolean {
  const node = skipOuter(expression);
  const { checker } = context;
  if (checker) {
    try {
      return isClosedType(checker.getTypeAtLocation(node));
    } catch {
      return false;
    }
  }
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    const owner = context.finder.find(node.expression);
    return owner !== undefined && ts.isEnumDeclaration(owner);
  }
  if (!ts.isIdentifier(node)) return false;
  const declaration = context.finder.find(node);
  const annotation = declaration && (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration)) ? declaration.type : undefined;
  return annotation !== undefined && isClosedTypeNode(annotation, node.getSourceFile(), context, 0);
}

function isClosedType(type: ts.Type): boolean {
  if (type.flags & (ts.TypeFlags.BooleanLike | ts.TypeFlags.EnumLike | ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral)) return true;
  return type.isUnion() && type.types.every((member) => member.flags & LITERAL_FLAGS);
}

/** Without a checker: the annotation itself, or a type alias or enum of the same file it names. */
function isClosedTypeNode(type: ts.TypeNode, sourceFile: ts.SourceFile, context: DetectionContext, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (ts.isParenthesizedTypeNode(type)) return isClosedTypeNode(type.type, sourceFile, context, depth + 1);
  if (ts.isUnionTypeNode(type)) return type.types.every((member) => isClosedTypeNode(member, sourceFile, context, depth + 1));
  if (ts.isLiteralTypeNode(type)) return true;
  if (type.kind === ts.SyntaxKind.BooleanKeyword) return true;
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return false;
  const name = type.typeName.text;
  for (const statement of sourceFile.statements) {
    if (ts.isEnumDeclaration(statement) && statement.name.text === name) return true;
    if (ts.isTypeAliasDeclaration(statement) && statement.name.text === name && !statement.typeParameters) return isClosedTypeNode(statement.type, sourceFile, context, depth + 1);
  }
  return false;
}
