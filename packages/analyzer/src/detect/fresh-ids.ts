import ts = require('typescript');
import type { DetectionContext } from './detection-context.js';
import type { KeyPattern } from './key-pattern.js';
import { dynamicNames, namesIn } from './key-words.js';
import { skipOuter } from './module-binding.js';
import type { RedisCall } from './redis-call.js';

/** How a record's id was made: handed out by an INCR sequence, or drawn at random (`randomUUID()`, `nanoid()`). */
export type FreshId = 'sequence' | 'random';

const SEQUENCES = new Set(['INCR', 'INCRBY']);

/** The id generators of Node and of the usual packages (uuid, nanoid, cuid, cuid2, ulid, mongodb): called, or `new ObjectId()`. */
const ID_GENERATORS = new Set(['randomUUID', 'uuid', 'uuidv4', 'uuidV4', 'uuidv7', 'uuidV7', 'v4', 'v7', 'nanoid', 'cuid', 'createId', 'ulid', 'ObjectId']);

/**
 * The names each function binds to a fresh id (`const id = await redis.incr('next:user:id')`,
 * `var replyIdx = await incrAsync('idx-user')`, `const id = randomUUID()`), found when first asked.
 */
export class FreshIds {
  private readonly sequences: ReadonlySet<ts.Node>;
  private readonly byFunction = new Map<ts.Node, Map<string, FreshId>>();

  constructor(calls: readonly RedisCall[]) {
    this.sequences = new Set(calls.filter((call) => SEQUENCES.has(call.command)).map((call) => call.node));
  }

  /**
   * A record keyed by a fresh id (`user:${await redis.incr('next:user')}`), or an index that points at one
   * (`set(\`username.to.id:${name}\`, id)`): the application's own rows, made to stay as in a database table.
   */
  recordOf(key: KeyPattern, write: RedisCall, context: DetectionContext): FreshId | undefined {
    const names = this.namesIn(write.context.fn ?? context.sourceFile);
    const kinds: Array<FreshId | undefined> = dynamicNames(key).map((name) => names.get(name));
    const value = write.command === 'SET' && write.args[1] ? unwrapped(write.args[1].node) : undefined;
    if (value) kinds.push(ts.isIdentifier(value) ? names.get(value.text) : this.kindOf(value));
    // `var key = 'user:' + String(id)`: a binding the key resolver does not read through (not a `const`).
    const node = skipOuter(key.node);
    const declaration = ts.isIdentifier(node) ? context.finder.local(node) : undefined;
    if (declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined) kinds.push(...namesIn(declaration.initializer.getText()).map((name) => names.get(name)));
    return kinds.includes('sequence') ? 'sequence' : kinds.includes('random') ? 'random' : undefined;
  }

  private namesIn(scope: ts.Node): Map<string, FreshId> {
    let names = this.byFunction.get(scope);
    if (names) return names;
    names = new Map();
    const found = names;
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && node !== scope) return;
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        const kind = this.kindOf(unwrapped(node.initializer));
        if (kind) found.set(node.name.text, kind);
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(scope, visit);
    this.byFunction.set(scope, names);
    return names;
  }

  private kindOf(node: ts.Expression): FreshId | undefined {
    if (this.sequences.has(node)) return 'sequence';
    if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return undefined;
    const callee = skipOuter(node.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    return name !== undefined && ID_GENERATORS.has(name) ? 'random' : undefined;
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
