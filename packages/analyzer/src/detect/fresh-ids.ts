import ts = require('typescript');
import type { DetectionContext } from './detection-context.js';
import type { KeyPattern } from './key-pattern.js';
import { dynamicNames, namesIn } from './key-words.js';
import { skipOuter } from './module-binding.js';
import { enclosingFunction } from './enclosing-function.js';
import type { RedisCall } from './redis-call.js';

/** How a record's id was made: handed out by an INCR sequence, or drawn at random (`randomUUID()`, `nanoid()`). */
export type FreshId = 'sequence' | 'random';

const SEQUENCES = new Set(['INCR', 'INCRBY']);

/** The id generators of Node and of the usual packages (uuid, nanoid, cuid, cuid2, ulid, mongodb): called, or `new ObjectId()`. */
const ID_GENERATORS = new Set(['randomUUID', 'uuid', 'uuidv4', 'uuidV4', 'uuidv7', 'uuidV7', 'v4', 'v7', 'nanoid', 'cuid', 'createId', 'ulid', 'ObjectId']);

/**
 * The names each function binds to a fresh id (`const id = await redis.incr('next:user:id')`,
 * `var replyIdx = await incrAsync('idx-user')`, `const id = randomUUID()`), read off the file's calls
 * (the shared walk's) when first asked.
 */
export class FreshIds {
  private readonly sequences: ReadonlySet<ts.Node>;
  private byFunction: Map<ts.Node, Map<string, FreshId>> | undefined;

  constructor(
    calls: readonly RedisCall[],
    private readonly generated: ReadonlyArray<ts.CallExpression | ts.NewExpression>,
  ) {
    this.sequences = new Set(calls.filter((call) => SEQUENCES.has(call.command)).map((call) => call.node));
  }

  /**
   * A record keyed by a fresh id (`user:${await redis.incr('next:user')}`), or an index that points at one
   * (`set(\`username.to.id:${name}\`, id)`): the application's own rows, made to stay as in a database table.
   */
  recordOf(key: KeyPattern, write: RedisCall, context: DetectionContext): FreshId | undefined {
    const names = this.names().get(write.context.fn ?? context.sourceFile) ?? NO_NAMES;
    const kinds: Array<FreshId | undefined> = dynamicNames(key).map((name) => names.get(name));
    const value = write.command === 'SET' && write.args[1] ? unwrapped(write.args[1].node) : undefined;
    if (value) kinds.push(ts.isIdentifier(value) ? names.get(value.text) : this.kindOf(value));
    // `var key = 'user:' + String(id)`: a binding the key resolver does not read through (not a `const`).
    const node = skipOuter(key.node);
    const declaration = ts.isIdentifier(node) ? context.finder.local(node) : undefined;
    if (declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined) kinds.push(...namesIn(declaration.initializer.getText()).map((name) => names.get(name)));
    return kinds.includes('sequence') ? 'sequence' : kinds.includes('random') ? 'random' : undefined;
  }

  /** Per function (or the file, at its top level): the names bound to an INCR's reply or to a generator's id. */
  private names(): Map<ts.Node, Map<string, FreshId>> {
    if (this.byFunction) return this.byFunction;
    const byFunction = new Map<ts.Node, Map<string, FreshId>>();
    const add = (made: ts.Node, kind: FreshId): void => {
      const holder = declarationHolding(made);
      if (!holder || !ts.isIdentifier(holder.name)) return;
      const scope = enclosingFunction(holder) ?? holder.getSourceFile();
      let names = byFunction.get(scope);
      if (!names) byFunction.set(scope, (names = new Map()));
      if (names.get(holder.name.text) !== 'sequence') names.set(holder.name.text, kind);
    };
    for (const node of this.sequences) add(node, 'sequence');
    for (const node of this.generated) if (isGenerator(node)) add(node, 'random');
    return (this.byFunction = byFunction);
  }

  private kindOf(node: ts.Expression): FreshId | undefined {
    if (this.sequences.has(node)) return 'sequence';
    return (ts.isCallExpression(node) || ts.isNewExpression(node)) && isGenerator(node) ? 'random' : undefined;
  }
}

const NO_NAMES: ReadonlyMap<string, FreshId> = new Map();

function isGenerator(node: ts.CallExpression | ts.NewExpression): boolean {
  const callee = skipOuter(node.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name !== undefined && ID_GENERATORS.has(name);
}

/** The `const id = …` an id is bound by, through `await`, `String(id)`, `id.toString()` and `` `${id}` ``. */
function declarationHolding(made: ts.Node): ts.VariableDeclaration | undefined {
  let node = made;
  for (;;) {
    const parent = node.parent;
    if (!parent) return undefined;
    if (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent)) node = parent;
    else if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'String' && parent.arguments.length === 1 && parent.arguments[0] === node) node = parent;
    else if (ts.isPropertyAccessExpression(parent) && parent.expression === node && parent.name.text === 'toString' && ts.isCallExpression(parent.parent) && parent.parent.expression === parent && parent.parent.arguments.length === 0) node = parent.parent;
    else if (ts.isTemplateSpan(parent) && parent.literal.text === '' && parent.parent.head.text === '' && parent.parent.templateSpans.length === 1) node = parent.parent;
    else return ts.isVariableDeclaration(parent) && parent.initializer === node ? parent : undefined;
  }
}

/** The id inside `await …`, `String(id)`, `id.toString()` and `` `${id}` ``. */
function unwrapped(expression: ts.Expression): ts.Expression {
  let node = skipOuter(expression);
  for (;;) {
    if (ts.isAwaitExpression(node)) node = skipOuter(node.expression);
    else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'String' && node.arguments.length === 1) node = skipOuter(node.arguments[0]!);
    else if (ts.isCallExpression(node) && node.arguments.length === 0 && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'toString') node = skipOuter(node.expression.expression);
    else if (ts.isTemplateExpression(node) && node.head.text === '' && node.templateSpans.length === 1 && node.templateSpans[0]!.literal.text === '') node = skipOuter(node.templateSpans[0]!.expression);
    else return node;
  }
}
