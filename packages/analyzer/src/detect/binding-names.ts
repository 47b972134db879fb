import ts = require('typescript');

/** The names a binding declares (`key`, `{ key, data }`, `[first, { id }]`), added to `names`. */
export function bindingNames(name: ts.BindingName, names: Set<string>): Set<string> {
  if (ts.isIdentifier(name)) names.add(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, names);
  return names;
}
