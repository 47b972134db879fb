/** Why code is on a per-request path, for messages: "the Express handler for GET /users". */
export interface HotPath {
  kind: 'handler' | 'called-from-handler' | 'loop';
  label: string;
}
