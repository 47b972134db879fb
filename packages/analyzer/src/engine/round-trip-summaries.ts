import type ts from 'typescript';
import type { FileModel } from '../detect/file-model.js';
import type { ForeignRoundTrips, RoundTrip, Wrapper } from '../detect/round-trip-wrappers.js';

const lookups = new WeakMap<ReadonlyMap<ts.SourceFile, FileModel>, ForeignRoundTrips>();

/**
 * Round-trip summaries across a project's files: the function a loop calls in one file waits for the
 * command a function of another file sends. One lookup per index, so each summary is made once.
 */
export function projectRoundTrips(models: ReadonlyMap<ts.SourceFile, FileModel>): ForeignRoundTrips {
  let lookup = lookups.get(models);
  if (!lookup) {
    const lookupOf: ForeignRoundTrips = (wrapper: Wrapper): RoundTrip | undefined => models.get(wrapper.getSourceFile())?.roundTripWrappers.roundTripOf(wrapper, lookupOf);
    lookup = lookupOf;
    lookups.set(models, lookup);
  }
  return lookup;
}
