import ts = require('typescript');
import { mayBecomeClientType, mayBeClientType } from './possible-client-type.js';

/**
 * Typed mode, before asking for the type of a call or `new`: whether a signature of the callee could
 * return a client. Resolving the call itself (overloads, inference, the contextual types of its
 * arguments and callbacks) is the costliest question detection asks the checker; the callee's
 * declared return types settle almost every call that is no client (`new Map(…)`, `Buffer.from(…)`,
 * `new Worker(…)`). With `narrowable`, the result initializes a binding that a later guard may
 * narrow, so `any` and `unknown` results count too.
 */
export function mayReturnClient(call: ts.CallExpression | ts.NewExpression, checker: ts.TypeChecker, narrowable = false): boolean {
  const callee = call.expression;
  if (callee.kind === ts.SyntaxKind.SuperKeyword || callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  const calleeType = checker.getNonNullableType(checker.getTypeAtLocation(callee));
  const signatures = checker.getSignaturesOfType(calleeType, ts.isNewExpression(call) ? ts.SignatureKind.Construct : ts.SignatureKind.Call);
  // No signature: the call resolves some other way (`new` on a plain function, an `any` callee); let the checker say.
  if (signatures.length === 0) return true;
  const possible = narrowable ? mayBecomeClientType : mayBeClientType;
  return signatures.some((signature) => possible(checker.getReturnTypeOfSignature(signature)));
}
