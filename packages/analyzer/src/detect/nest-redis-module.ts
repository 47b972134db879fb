import ts = require('typescript');
import { findProperty, objectLiteralOf, propertyPath } from './client-options.js';
import { calleeFunction } from './callee-function.js';
import type { DetectionContext } from './detection-context.js';
import { moduleBindingOf, skipOuter } from './module-binding.js';
import { onlyReturn } from './only-return.js';

/**
 * NestJS modules that build an ioredis client from options the application writes (checked against
 * @liaoliaots/nestjs-redis 10.0.0 and @nestjs-modules/ioredis 2.2.2, docs/clients.md).
 */
export const NEST_REDIS_MODULES = ['@liaoliaots/nestjs-redis', '@nestjs-modules/ioredis'] as const;
export type NestRedisModule = (typeof NEST_REDIS_MODULES)[number];

/** A `RedisModule.forRoot(…)` or `forRootAsync({ useFactory })` call, read as the ioredis construction the module makes. */
export interface ModuleRegistration {
  module: NestRedisModule;
  kind: 'client' | 'cluster';
  /** What the module hands `new Redis(…)` / `new Redis.Cluster(…)`: the URL or nodes, then the options. */
  args: ts.Expression[];
  /** Options the module merges under each client's (@liaoliaots' `commonOptions`). */
  merged: ts.Expression[];
}

export function nestRedisRegistration(call: ts.CallExpression, context: DetectionContext): ModuleRegistration | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !/^forRoot(Async)?$/.test(callee.name.text)) return undefined;
  const receiver = skipOuter(callee.expression);
  const declaration = ts.isIdentifier(receiver) ? context.finder.local(receiver) : undefined;
  const binding = declaration && moduleBindingOf(declaration);
  const module = NEST_REDIS_MODULES.find((name) => name === binding?.module);
  if (!module || binding?.exported !== 'RedisModule') return undefined;
  const [first] = call.arguments;
  const written = first && objectLiteralOf(first, context);
  const options = written && callee.name.text === 'forRootAsync' ? factoryResult(written, context) : written;
  if (!options) return undefined;
  const value = (name: string): ts.Expression | undefined => propertyPath(options, [name], context).value;
  if (module === '@liaoliaots/nestjs-redis') {
    // `config` is one client's ioredis options (plus `url`, `path`, `namespace`), or an array of them: several clients.
    const config = value('config');
    if (!config || ts.isArrayLiteralExpression(skipOuter(config))) return undefined;
    const common = value('commonOptions');
    return { module, kind: 'client', args: [config], merged: common ? [common] : [] };
  }
  // `{ type: 'single', url?, options? }` is `new Redis(url, options)`; `{ type: 'cluster', nodes, options? }` is `new Redis.Cluster(nodes, options)`.
  const type = value('type');
  const cluster = type !== undefined && ts.isStringLiteralLike(skipOuter(type)) && (skipOuter(type) as ts.StringLiteralLike).text === 'cluster';
  const args = (cluster ? [value('nodes'), value('options')] : [value('url'), value('options')]).filter((arg): arg is ts.Expression => arg !== undefined);
  return { module, kind: cluster ? 'cluster' : 'client', args, merged: [] };
}

/** `forRootAsync({ useFactory: (config) => ({ … }) })`: the options object the factory returns. */
function factoryResult(options: ts.ObjectLiteralExpression, context: DetectionContext): ts.ObjectLiteralExpression | undefined {
  const { property } = findProperty(options, 'useFactory', context);
  const factory = property && ts.isPropertyAssignment(property) ? calleeFunction(property.initializer, context) : property && ts.isMethodDeclaration(property) ? property : undefined;
  const returned = factory && onlyReturn(factory);
  return returned ? objectLiteralOf(returned, context) : undefined;
}
