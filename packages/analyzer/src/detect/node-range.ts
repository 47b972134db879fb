import type ts from 'typescript';

/** Whether `node` lies inside `container`'s text (the container itself included). */
export function isWithin(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end;
}
