import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../scripts/repositoryRoot.js';

/**
 * A Python whose pyarrow and Polars read outputs back in the tests: ISX_PYTHON, else the project's `v/`
 * venv (.ci/run makes it), else python3; the first in which both import. Undefined when none: those
 * tests skip, saying so. Probed once per process: each probe imports both, most of a second.
 */
export function findPython(): string | undefined {
  if (!probed) {
    found = probePythons();
    probed = true;
  }
  return found;
}

let probed = false;
let found: string | undefined;

function probePythons(): string | undefined {
  for (const candidate of [process.env.ISX_PYTHON, join(ROOT, 'v/bin/python'), 'python3']) {
    if (!candidate) continue;
    const probe = spawnSync(candidate, ['-c', 'import pyarrow.dataset, polars'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}
