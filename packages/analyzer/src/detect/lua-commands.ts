/** One argument of a Lua call, as written, and where it starts in the script text. */
export interface LuaArgument {
  text: string;
  start: number;
}

/** One `redis.call`/`redis.pcall` in a script. */
export interface LuaCommandCall {
  /** The command name, upper-cased, when it is a string literal. */
  command: string | undefined;
  /** The arguments after the command name. */
  args: LuaArgument[];
  /** Where `redis.call` starts in the script text. */
  start: number;
  /** How many blocks (`if`, loops, functions) enclose the call: 0 runs whenever the script does. */
  depth: number;
  /** The first argument with single-assignment locals substituted and spaces dropped: one key compares equal however the script names it. */
  subject: string | undefined;
}

/** A script's `redis.call`/`redis.pcall` commands, in order, read without a Lua parser. */
export function luaCommandCalls(text: string, code = maskCommentsAndStrings(text)): LuaCommandCall[] {
  const depthAt = blockDepths(code);
  const locals = luaLocals(text, code);
  const calls: LuaCommandCall[] = [];
  const callPattern = /\bredis\s*\.\s*p?call\s*\(/g;
  for (let match = callPattern.exec(code); match; match = callPattern.exec(code)) {
    const [name, ...args] = splitArguments(text, code, match.index + match[0].length);
    const first = args[0]?.text;
    const subject = first === undefined ? undefined : (locals.get(first) ?? first).replace(/\s+/g, '');
    calls.push({ command: name ? luaStringValue(name.text)?.toUpperCase() : undefined, args, start: match.index, depth: depthAt(match.index), subject });
  }
  return calls;
}

/** The block depth at each offset: `if`, `function`, `repeat` and `do` (which loops end their header with) open, `end` and `until` close. */
function blockDepths(code: string): (offset: number) => number {
  const marks: Array<[number, number]> = [];
  let depth = 0;
  const keyword = /\b(if|function|repeat|do|end|until)\b/g;
  for (let match = keyword.exec(code); match; match = keyword.exec(code)) {
    depth = Math.max(0, depth + (match[1] === 'end' || match[1] === 'until' ? -1 : 1));
    marks.push([match.index, depth]);
  }
  return (offset) => {
    let found = 0;
    for (const [at, value] of marks) {
      if (at > offset) break;
      found = value;
    }
    return found;
  };
}

/** The value of a Lua short string literal (`'a'`, `"a"`), or undefined. */
export function luaStringValue(text: string): string | undefined {
  const match = /^\s*(['"])((?:\\.|(?!\1).)*)\1\s*$/s.exec(text);
  return match ? match[2]!.replace(/\\(.)/g, '$1') : undefined;
}

/** `local name = expr` (and `local a, b = x, y`) for names assigned exactly once in the script. */
export function luaLocals(text: string, code: string): Map<string, string> {
  const locals = new Map<string, string>();
  const counts = new Map<string, number>();
  const assignment = /(?:^|[\s;])(?:local\s+)?([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=(?!=)([^\n;]*)/g;
  for (let match = assignment.exec(code); match; match = assignment.exec(code)) {
    const names = match[1]!.split(',').map((name) => name.trim());
    if (names[0] === 'local') continue;
    const valueStart = match.index + match[0].length - match[2]!.length;
    const values = names.length === 1 ? [text.slice(valueStart, valueStart + match[2]!.length).trim()] : topLevelParts(text, code, valueStart, valueStart + match[2]!.length);
    names.forEach((name, index) => {
      counts.set(name, (counts.get(name) ?? 0) + 1);
      const value = values[index];
      if (value !== undefined) locals.set(name, value);
    });
  }
  for (const [name, count] of counts) if (count !== 1) locals.delete(name);
  return locals;
}

/** The comma-separated parts of `text[from, to)` outside brackets. */
function topLevelParts(text: string, code: string, from: number, to: number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = from;
  for (let index = from; index < to; index++) {
    const char = code[index];
    if (char === '(' || char === '{' || char === '[') depth++;
    else if (char === ')' || char === '}' || char === ']') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index).trim());
      start = index + 1;
    }
  }
  parts.push(text.slice(start, to).trim());
  return parts;
}

/** Splits the arguments of a call whose `(` ends right before `start`, at top-level commas. */
function splitArguments(text: string, code: string, start: number): LuaArgument[] {
  const args: LuaArgument[] = [];
  let depth = 0;
  let argStart = start;
  const push = (end: number): void => {
    const raw = text.slice(argStart, end);
    const leading = raw.length - raw.trimStart().length;
    if (raw.trim()) args.push({ text: raw.trim(), start: argStart + leading });
  };
  for (let index = start; index < code.length; index++) {
    const char = code[index];
    if (char === '(' || char === '{' || char === '[') depth++;
    else if (char === ')' || char === '}' || char === ']') {
      if (depth === 0) {
        push(index);
        return args;
      }
      depth--;
    } else if (char === ',' && depth === 0) {
      push(index);
      argStart = index + 1;
    }
  }
  return [];
}

/** The script with comments blanked and string contents replaced by spaces, same length, for structural scans. */
export function maskCommentsAndStrings(text: string): string {
  const out = text.split('');
  let index = 0;
  const blank = (from: number, to: number): void => {
    for (let position = from; position < to && position < out.length; position++) if (out[position] !== '\n') out[position] = ' ';
  };
  while (index < text.length) {
    const rest = text.slice(index, index + 4);
    if (rest.startsWith('--')) {
      const long = /^--\[(=*)\[/.exec(text.slice(index));
      const end = long ? text.indexOf(`]${long[1]}]`, index) : text.indexOf('\n', index);
      const stop = end === -1 ? text.length : long ? end + long[1]!.length + 2 : end;
      blank(index, stop);
      index = stop;
      continue;
    }
    const longString = /^\[(=*)\[/.exec(text.slice(index, index + 64));
    if (longString) {
      const end = text.indexOf(`]${longString[1]}]`, index);
      const stop = end === -1 ? text.length : end + longString[1]!.length + 2;
      blank(index + 1, stop - 1);
      index = stop;
      continue;
    }
    const char = text[index];
    if (char === '"' || char === "'") {
      let end = index + 1;
      while (end < text.length && text[end] !== char && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      blank(index + 1, end);
      index = end + 1;
      continue;
    }
    index++;
  }
  return out.join('');
}
