export { main, type CliIo } from './main.js';
export { run, type RunOptions, type RunResult } from './run.js';
export { reporters, type Reporter, type ReporterOptions } from './reporters/index.js';
export { configSchema, CONFIG_FILE_NAME } from './config-schema.js';
export { validateConfig } from './config-file.js';
export type { LintReport, ReportedFinding, FileReport } from './lint-report.js';
export type { FileProblem } from './file-problem.js';
