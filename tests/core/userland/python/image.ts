// A small python:3.13 filesystem for the interpreter's tests: the binary, the
// stdlib files the native modules stand in for (as generated blobs, like the
// image's), and an empty site-packages.
import { gen, type LayerSpec } from '../../../../src/core/fs';

const LIB = '/usr/local/lib/python3.13';

export function pythonImage(extra: Record<string, LayerSpecValue> = {}): LayerSpec {
  const files: Record<string, LayerSpecValue> = {
    '/usr/local/bin/python3.13': { content: gen(16_008, 'python3.13'), mode: 0o755 },
    '/usr/local/bin/python3': { symlink: 'python3.13' },
    '/usr/local/bin/python': { symlink: 'python3' },
    '/usr/local/bin/pip3': {
      content:
        '#!/usr/local/bin/python3.13\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\n',
      mode: 0o755,
    },
    '/tmp': { dir: true, mode: 0o1777 },
    '/tmp/app': { dir: true },
    [`${LIB}/site-packages/README.txt`]:
      'This directory exists so that 3rd party packages can be installed\nhere.\n',
    [`${LIB}/lib-dynload/math.cpython-313-x86_64-linux-gnu.so`]: {
      content: gen(60_000, 'math.so'),
      mode: 0o755,
    },
  };
  for (const m of ['os', 'random', 'platform', 'socket', 'string', 'signal', 'csv', 'datetime', 're'])
    files[`${LIB}/${m}.py`] = gen(20_000, `${m}.py`);
  for (const m of [
    'json/__init__',
    'json/decoder',
    'json/encoder',
    'http/__init__',
    'http/server',
    'http/client',
  ])
    files[`${LIB}/${m}.py`] = gen(20_000, `${m}.py`);
  return { ...files, ...extra };
}

/** requests and its dependencies as pip lays them out (generated module files, as the simulated pip writes them). */
export function requestsInstalled(): Record<string, LayerSpecValue> {
  const site = `${LIB}/site-packages`;
  const out: Record<string, LayerSpecValue> = {};
  for (const f of [
    'requests/__init__.py',
    'requests/api.py',
    'requests/models.py',
    'requests/exceptions.py',
    'urllib3/__init__.py',
    'urllib3/connection.py',
    'idna/__init__.py',
    'certifi/__init__.py',
    'charset_normalizer/__init__.py',
  ]) {
    out[`${site}/${f}`] = gen(4000, f);
  }
  out[`${site}/requests-2.32.4.dist-info/METADATA`] =
    'Metadata-Version: 2.1\nName: requests\nVersion: 2.32.4\n';
  return out;
}

import type { LayerSpecValue } from '../../../../src/core/fs';
