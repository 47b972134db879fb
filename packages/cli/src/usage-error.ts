/** A problem with how the CLI was called or configured: one clear line and exit code 2, no stack trace. */
export class UsageError extends Error {}
