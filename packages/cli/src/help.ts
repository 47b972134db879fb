/** `redis-lint --help`. */
export const HELP = `Usage: redis-lint [options] [paths...]

Finds risky Redis usage (ioredis, node-redis, @upstash/redis) in TypeScript and JavaScript.
Paths default to "." (directories are walked; .gitignore, node_modules, dist, build, .next and
coverage are skipped). Files covered by a tsconfig.json are analyzed with type information.

Options:
  -c, --config <file>          Use this config file instead of the nearest redis-lint.config.json
  -f, --format <name>          stylish (default), json, sarif, github or junit; repeat for several
  -o, --output-file <file>     Write the preceding --format to a file instead of stdout
      --fix                    Apply the safe fixes and report what remains
      --max-warnings <n>       Exit 1 when there are more than n warnings
      --baseline <file>        Report only findings not recorded in this baseline file
      --update-baseline        Record the current findings in the --baseline file, exit 0
  -q, --quiet                  Report errors only, no progress indicator
      --staged                 Analyze the files staged in git (pre-commit)
      --no-type-check          Analyze without type information (faster; no tsconfig needed)
      --type-check             Use type information where a tsconfig.json covers the files (default)
      --exit-zero              Exit 0 even when there are findings
      --cache                  Skip files whose findings cannot have changed since the last run
                               (cache in node_modules/.cache/redis-lint)
      --cache-location <dir>   Keep the cache in this directory (implies --cache)
      --report-unused-disable-directives
                               Report redis-lint-disable comments that suppress nothing
      --redis-url <url>        Add live keyspace facts to each finding with a key pattern, by
                               read-only sampling of this Redis (redis:// or rediss://; also
                               REDIS_LINT_REDIS_URL, REDIS_LINT_REDIS_USERNAME/_PASSWORD)
      --redis-cluster          Sample every master of a cluster (detected by default)
      --redis-budget <ms>      Time the sampling may take (default 10000)
      --redis-max-keys <n>     Keys probed per key pattern at most (default 2000)
      --sort impact            Findings with the largest measured impact first (needs --redis-url)
  -h, --help                   Show this help
  -v, --version                Show the version

Exit codes: 0 no findings, 1 findings (errors, or warnings over --max-warnings), 2 usage or
internal error.

Examples:
  redis-lint                                   # the current directory, stylish output
  redis-lint src --no-type-check               # untyped, fastest
  redis-lint --format sarif --output-file redis-lint.sarif --format stylish
  redis-lint --format github                   # annotations in a GitHub Actions log
  redis-lint --fix src
  redis-lint --baseline .redis-lint-baseline.json --update-baseline
  redis-lint --baseline .redis-lint-baseline.json   # only new findings
  redis-lint --staged                          # in a pre-commit hook
  redis-lint src/a.ts src/b.ts                 # explicit files (lint-staged)
  redis-lint --redis-url redis://replica:6379 --sort impact   # rank findings by live data

Suppress one finding:  // redis-lint-disable-next-line no-keys-command -- admin script
Docs: https://github.com/redis-lint/redis-lint/blob/main/docs/cli.md
`;
