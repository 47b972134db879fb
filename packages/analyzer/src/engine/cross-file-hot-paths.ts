import type ts from 'typescript';
import type { FileModel } from '../detect/file-model.js';
import type { HotPath } from '../detect/hot-path.js';
import type { OutgoingHotCall } from '../detect/hot-paths.js';

/** One `markHot` the cross-file pass made on a model, and how many outgoing hot calls the model had after it. */
export interface HotMark {
  fn: ts.SignatureDeclaration;
  path: HotPath;
  marked: boolean;
  outgoingAfter: number;
}

/** A file's model in a project index, with the cross-file marks it received, in order. Never mutated once indexed. */
export interface IndexedModel {
  model: FileModel;
  /** How many outgoing hot calls the model found on its own, before any cross-file mark. */
  ownOutgoing: number;
  marks: readonly HotMark[];
}

const MAX_ROUNDS = 20;

/**
 * Builds the models of a program's own files and marks functions hot across files: a hot function's
 * call into another file makes the callee hot there, round after round. A model an earlier index
 * built (`reusable`) comes with the marks it received then; it is kept only while this pass asks it
 * for those very marks in the same order, seeing only the outgoing calls it had at that point, so the
 * result is the one a pass over fresh models gives. A model asked for anything else, or for fewer
 * marks, is built anew and given the marks that did match.
 */
export function indexModels(
  files: readonly ts.SourceFile[],
  reusable: ReadonlyMap<ts.SourceFile, IndexedModel>,
  build: (sourceFile: ts.SourceFile) => FileModel,
): Map<ts.SourceFile, IndexedModel> {
  const slots = new Map(files.map((sourceFile) => [sourceFile, new Slot(reusable.get(sourceFile), () => build(sourceFile))]));
  const applied = new Set<ts.SignatureDeclaration>();
  for (let changed = true, rounds = 0; changed && rounds < MAX_ROUNDS; rounds++) {
    changed = false;
    for (const slot of slots.values()) {
      for (const { callee, path } of slot.outgoing()) {
        const target = slots.get(callee.getSourceFile());
        if (!target || applied.has(callee)) continue;
        applied.add(callee);
        if (target.mark(callee, path)) changed = true;
      }
    }
  }
  return new Map([...slots].map(([sourceFile, slot]) => [sourceFile, slot.finish()]));
}

class Slot {
  private model: FileModel;
  private ownOutgoing: number;
  private marks: HotMark[] = [];
  /** While set, `model` is the one an earlier index built, and `replayed` of its marks were asked for again. */
  private previous: IndexedModel | undefined;
  private replayed = 0;

  constructor(
    previous: IndexedModel | undefined,
    private readonly build: () => FileModel,
  ) {
    this.previous = previous;
    this.model = previous?.model ?? build();
    this.ownOutgoing = previous?.ownOutgoing ?? this.model.outgoingHotCalls().length;
  }

  outgoing(): readonly OutgoingHotCall[] {
    const all = this.model.outgoingHotCalls();
    if (!this.previous) return all;
    return all.slice(0, this.replayed === 0 ? this.previous.ownOutgoing : this.previous.marks[this.replayed - 1]!.outgoingAfter);
  }

  mark(fn: ts.SignatureDeclaration, path: HotPath): boolean {
    if (this.previous) {
      const expected = this.previous.marks[this.replayed];
      if (expected && expected.fn === fn && expected.path.kind === path.kind && expected.path.label === path.label) {
        this.replayed++;
        return expected.marked;
      }
      this.startOver();
    }
    return this.apply(fn, path);
  }

  finish(): IndexedModel {
    if (this.previous) {
      if (this.replayed === this.previous.marks.length) return this.previous;
      this.startOver();
    }
    return { model: this.model, ownOutgoing: this.ownOutgoing, marks: this.marks };
  }

  private apply(fn: ts.SignatureDeclaration, path: HotPath): boolean {
    const marked = this.model.markHot(fn, path);
    this.marks.push({ fn, path, marked, outgoingAfter: this.model.outgoingHotCalls().length });
    return marked;
  }

  /** The reused model holds marks this pass does not make: a fresh one gets those that matched. */
  private startOver(): void {
    const confirmed = this.previous!.marks.slice(0, this.replayed);
    this.previous = undefined;
    this.model = this.build();
    this.ownOutgoing = this.model.outgoingHotCalls().length;
    this.marks = [];
    for (const { fn, path } of confirmed) this.apply(fn, path);
  }
}
