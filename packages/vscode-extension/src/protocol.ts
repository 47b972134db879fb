// The protocol module is the server's own, so both ends agree on names and payloads by construction.
export {
  AnalysisDoneNotification,
  APPLY_FIX_ALL_COMMAND,
  FIX_ALL_KIND,
  SETTINGS_SECTION,
  SHOW_DOCUMENTATION_COMMAND,
  type AnalysisDoneParams,
} from '@redis-lint/language-server/protocol';
export type { InitializationOptions } from '@redis-lint/language-server';
