import { helperNameOf } from '../detect/helper-calls.js';
import type { RedisCall } from '../detect/redis-call.js';
import type { RelatedLocation } from './finding.js';
import { relatedLocation } from './related-location.js';

/** The calls of a file's own helpers among the calls rules read, found by the range a rule reports. */
export class HelperCallSites {
  private readonly byStart = new Map<number, RedisCall[]>();

  constructor(calls: readonly RedisCall[]) {
    for (const call of calls) {
      if (!call.through) continue;
      for (const start of new Set([call.nameNode.getStart(), call.node.getStart()])) {
        const list = this.byStart.get(start);
        if (list) list.push(call);
        else this.byStart.set(start, [call]);
      }
    }
  }

  /** The helper call a finding is reported on; of several commands one call sends, the one the message names. */
  at(start: number, end: number, message: string): RedisCall | undefined {
    const calls = this.byStart.get(start)?.filter((call) => end <= call.node.getEnd());
    if (!calls || calls.length === 0) return undefined;
    return calls.find((call) => new RegExp(`\\b${call.command}\\b`).test(message)) ?? calls[0];
  }

  relatedOf(call: RedisCall): RelatedLocation {
    const command = call.through!;
    const helper = command.context.fn && helperNameOf(command.context.fn);
    const message = `${command.command} is sent here${helper ? `, in \`${helper}\`` : ''}`;
    return relatedLocation(command.node.getSourceFile(), command.nameNode.getStart(), command.node.getEnd(), message);
  }
}
