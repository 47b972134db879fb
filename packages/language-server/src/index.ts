export { startServer, type ServerOptions, type InitializationOptions } from './server.js';
export { findingToDiagnostic, diagnosticKey, isDiagnosticData, DIAGNOSTIC_SOURCE, type DiagnosticData } from './diagnostics.js';
export { codeActionsForDiagnostic, fixAllAction, fixAllEdits, showDocumentationCommand, type EditOptions } from './code-actions.js';
export { disableNextLineEdit } from './disable-line-edit.js';
export { normalizeSettings, DEFAULT_SETTINGS, type RedisLintSettings } from './settings.js';
export { parseProjectConfig, PROJECT_CONFIG_FILE } from './project-config.js';
export * from './protocol.js';
