import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import type { Reporter } from './reporter.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

/** Every output format by name: `--format <name>`. */
export const reporters: Readonly<Record<string, Reporter>> = { stylish, json, sarif, github, junit };

export type { Reporter, ReporterOptions } from './reporter.js';
