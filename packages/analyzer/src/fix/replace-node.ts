import type ts from 'typescript';
import type { TextEdit } from '../engine/finding.js';

export function replaceNode(node: ts.Node, text: string): TextEdit {
  return { start: node.getStart(), end: node.getEnd(), text };
}

export function insertAfter(node: ts.Node, text: string): TextEdit {
  return { start: node.getEnd(), end: node.getEnd(), text };
}

export function insertBefore(node: ts.Node, text: string): TextEdit {
  return { start: node.getStart(), end: node.getStart(), text };
}
