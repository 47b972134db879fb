import ts = require('typescript');
import { KeyPattern, type KeyPart } from './key-pattern.js';
import { skipOuter } from './module-binding.js';
import type { DetectionContext } from './detection-context.js';
import { calleeFunction } from './callee-function.js';

const MAX_DEPTH = 6;

type Substitutions = ReadonlyMap<string, KeyPart[]>;

/** Builds the key pattern of an expression: literals, templates, `+`, local constants and key-builder functions. */
export function resolveKey(expression: ts.Expression, context: DetectionContext): KeyPattern {
  return new KeyPattern(partsOf(expression, context, new Map(), 0), expression);
}

/** The constant string value of an expression, when it has one. */
export function constantString(expression: ts.Expression, context: DetectionContext): string | undefined {
  const inner = skipOuter(expression);
  if (ts.isNumericLiteral(inner)) return String(Number(inner.text));
  if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(inner.operand)) {
    return String(-Number(inner.operand.text));
  }
  return resolveKey(inner, context).constant;
}

function partsOf(expression: ts.Expression, context: DetectionContext, substitutions: Substitutions, depth: number): KeyPart[] {
  const node = skipOuter(expression);
  if (ts.isStringLiteralLike(node)) return [{ kind: 'text', value: node.text }];
  if (ts.isNumericLiteral(node)) return [{ kind: 'text', value: String(Number(node.text)) }];
  if (ts.isTemplateExpression(node)) {
    const parts: KeyPart[] = [{ kind: 'text', value: node.head.text }];
    for (const span of node.templateSpans) {
      parts.push(...partsOf(span.expression, context, substitutions, depth), { kind: 'text', value: span.literal.text });
    }
    return parts;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [...partsOf(node.left, context, substitutions, depth), ...partsOf(node.right, context, substitutions, depth)];
  }
  if (ts.isIdentifier(node)) {
    const substituted = substitutions.get(node.text);
    if (substituted) return substituted;
    if (depth < MAX_DEPTH) {
      const value = constantInitializer(node, context);
      if (value && ts.isCallExpression(value)) {
        // `const key = this.queueKey(type, size)`: the builder's key when it is one, else the binding's name.
        const built = keyBuilderCall(value, context, new Map(), depth + 1);
        if (built) return built;
      } else if (value) return partsOf(value, context, new Map(), depth + 1);
    }
    return [dynamic(node, context)];
  }
  if (ts.isPropertyAccessExpression(node) && depth < MAX_DEPTH) {
    const member = constantMember(node, context);
    if (member) return partsOf(member, context, new Map(), depth + 1);
  }
  if (ts.isCallExpression(node) && depth < MAX_DEPTH) {
    const built = keyBuilderCall(node, context, substitutions, depth);
    if (built) return built;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join') {
    const joined = joinedArray(node, context, substitutions, depth);
    if (joined) return joined;
  }
  return [substitutions.size === 0 ? { kind: 'dynamic', expr: normalizedText(node, substitutions), node } : { kind: 'dynamic', expr: normalizedText(node, substitutions) }];
}

function dynamic(node: ts.Expression, context: DetectionContext): KeyPart {
  return { kind: 'dynamic', expr: normalizedText(node, new Map()), node };
}

function normalizedText(node: ts.Node, substitutions: Substitutions): string {
  // Spaces only where they separate words (`new Date()`), so the same expression reads the same however it is laid out.
  const text = node.getText(node.getSourceFile()).replace(/\s+/g, ' ').replace(/ ?([^\w$ ]) ?/g, '$1').trim();
  if (substitutions.size === 0) return text;
  // Inside a key builder, parameters stand for the caller's arguments.
  return text.replace(/[A-Za-z_$][\w$]*/g, (name) => {
    const parts = substitutions.get(name);
    return parts ? parts.map((part) => (part.kind === 'text' ? part.value : part.expr)).join('') : name;
  });
}

/** The initializer of a `const` binding (only `const`: a `let` may change before the key is built). */
function constantInitializer(identifier: ts.Identifier, context: DetectionContext): ts.Expression | undefined {
  const declaration = context.finder.find(identifier);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || (!(list.flags & ts.NodeFlags.Const) && isReassigned(declaration))) return undefined;
  let initializer = skipOuter(declaration.initializer);
  // `let key = 'seq:' + id || ''`: the empty fallback is no key anyone means.
  if (ts.isBinaryExpression(initializer) && isFallbackOperator(initializer.operatorToken.kind) && ts.isStringLiteralLike(skipOuter(initializer.right)) && (skipOuter(initializer.right) as ts.StringLiteralLike).text === '') {
    initializer = skipOuter(initializer.left);
  }
  return isKeyShaped(initializer) || ts.isCallExpression(initializer) ? initializer : undefined;
}

/** `||` or `??`: the right side stands in when the left one is missing. */
export function isFallbackOperator(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}

const reassigned = new WeakMap<ts.VariableDeclaration, boolean>();

/** A `let` or `var` the code assigns again (`key = …`, `key += …`, `key++`) in the function or module that declares it. */
function isReassigned(declaration: ts.VariableDeclaration): boolean {
  let known = reassigned.get(declaration);
  if (known !== undefined) return known;
  known = !ts.isIdentifier(declaration.name);
  const name = ts.isIdentifier(declaration.name) ? declaration.name.text : '';
  let scope: ts.Node = declaration;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const visit = (node: ts.Node): void => {
    if (known) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(skipOuter(node.left)) && (skipOuter(node.left) as ts.Identifier).text === name) known = true;
    else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) && ts.isIdentifier(node.operand) && node.operand.text === name) known = true;
    else if ((ts.isForInStatement(node) || ts.isForOfStatement(node)) && ts.isIdentifier(node.initializer) && node.initializer.text === name) known = true;
    else ts.forEachChild(node, visit);
  };
  visit(scope);
  reassigned.set(declaration, known);
  return known;
}

function isKeyShaped(expression: ts.Expression): boolean {
  return (
    ts.isStringLiteralLike(expression) ||
    ts.isNumericLiteral(expression) ||
    ts.isTemplateExpression(expression) ||
    (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) ||
    ts.isIdentifier(expression)
  );
}

/** `KEYS.session` where `const KEYS = { session: 'session:' } as const`. */
function constantMember(access: ts.PropertyAccessExpression, context: DetectionContext): ts.Expression | undefined {
  const target = skipOuter(access.expression);
  if (!ts.isIdentifier(target)) return undefined;
  const declaration = context.finder.find(target);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  const object = skipOuter(declaration.initializer);
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === access.name.text) {
      const value = skipOuter(property.initializer);
      return isKeyShaped(value) ? value : undefined;
    }
  }
  return undefined;
}

export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/**
 * `userKey(id)` where `const userKey = (id: string) => \`user:${id}\`` or a function with one `return`;
 * also a builder held by an object (`KEYS.userCounts(id)`), a method (`this.keyOf(id)`) and, with a
 * checker, one another module exports (`utils.entityKey(id)`, `exports.entityKey = function …`).
 */
function keyBuilderCall(call: ts.CallExpression, context: DetectionContext, outer: Substitutions, depth: number): KeyPart[] | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
  const fn = calleeFunction(callee, context);
  if (!fn) return undefined;
  const calleeName = ts.isIdentifier(callee) ? callee.text : callee.name.text;
  const returned = singleReturn(fn);
  if (!returned) return undefined;
  const substitutions = new Map<string, KeyPart[]>();
  fn.parameters.forEach((parameter, index) => {
    if (!ts.isIdentifier(parameter.name)) return;
    const argument = call.arguments[index];
    substitutions.set(
      parameter.name.text,
      argument ? partsOf(argument, context, outer, depth + 1) : [{ kind: 'dynamic', expr: `${calleeName}#${parameter.name.text}` }],
    );
  });
  return partsOf(returned, context, substitutions, depth + 1);
}

function singleReturn(fn: ts.SignatureDeclaration): ts.Expression | undefined {
  if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return fn.body;
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body || !ts.isBlock(body) || body.statements.length !== 1) return undefined;
  const [statement] = body.statements;
  return statement && ts.isReturnStatement(statement) ? statement.expression : undefined;
}

/** `['user', id, 'profile'].join(':')`. */
function joinedArray(call: ts.CallExpression, context: DetectionContext, substitutions: Substitutions, depth: number): KeyPart[] | undefined {
  const access = call.expression as ts.PropertyAccessExpression;
  const array = skipOuter(access.expression);
  const [separatorNode] = call.arguments;
  if (!ts.isArrayLiteralExpression(array)) return undefined;
  const separator = separatorNode && ts.isStringLiteralLike(separatorNode) ? separatorNode.text : separatorNode ? undefined : ',';
  if (separator === undefined) return undefined;
  const parts: KeyPart[] = [];
  array.elements.forEach((element, index) => {
    if (index > 0) parts.push({ kind: 'text', value: separator });
    parts.push(...partsOf(element, context, substitutions, depth + 1));
  });
  return parts;
}
