const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/**
 * The `data` that turns a message template into the engine's interpolated message, so ESLint can
 * report by `messageId` and still print the engine's exact words. Undefined when no `data` does.
 */
export function messageData(template: string, message: string): Record<string, string> | undefined {
  const names: string[] = [];
  let pattern = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    pattern += escapeRegExp(template.slice(last, match.index));
    const seen = names.indexOf(name);
    if (seen >= 0) pattern += `\\${seen + 1}`;
    else {
      names.push(name);
      pattern += '([\\s\\S]*?)';
    }
    last = match.index + match[0].length;
  }
  pattern += escapeRegExp(template.slice(last));
  const found = new RegExp(`^${pattern}$`).exec(message);
  if (!found) return undefined;
  const data: Record<string, string> = {};
  names.forEach((name, index) => {
    data[name] = found[index + 1] ?? '';
  });
  return fill(template, data) === message ? data : undefined;
}

/** ESLint's own interpolation: unknown placeholders stay as they are. */
export function fill(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(data, name) ? data[name]! : whole));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
