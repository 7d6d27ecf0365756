import { describe, expect, it } from 'vitest';
import { gen } from '../../../../src/core/fs';
import { NetNamespace } from '../../../../src/core/kernel/network';
import { registerOutsideWorld } from '../../../../src/core/userland/outside';
import { packagePrograms } from '../../../../src/core/userland/packages';
import { pythonPrograms } from '../../../../src/core/userland/python';
import { Machine } from '../harness';

const SITE = '/usr/local/lib/python3.13/site-packages';
const PIP_SCRIPT = "#!/usr/local/bin/python3.13\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n";
const ENV = { PYTHON_VERSION: '3.13.5', LANG: 'C.UTF-8' };

function pythonImage() {
  const m = new Machine({
    programs: [...packagePrograms(), ...pythonPrograms()],
    files: {
      '/usr/local/bin/python3.13': { content: gen(16_008, 'elf:python3.13:test'), mode: 0o755 },
      '/usr/local/bin/python3': { symlink: 'python3.13' },
      '/usr/local/bin/pip3': { content: PIP_SCRIPT, mode: 0o755 },
      '/usr/local/bin/pip': { symlink: 'pip3' },
      '/usr/local/lib/python3.13/os.py': gen(42_000, 'os'),
      [`${SITE}/pip/__init__.py`]: gen(353, 'pip-init'),
      [`${SITE}/pip-25.1.1.dist-info/METADATA`]: gen(4700, 'blob'),
      [`${SITE}/pip-25.1.1.dist-info/INSTALLER`]: 'pip\n',
      [`${SITE}/pip-25.1.1.dist-info/RECORD`]: gen(71000, 'blob'),
      '/root': { dir: true, mode: 0o700 },
    },
    sys: { net: new NetNamespace('c', { ip: '172.17.0.2' }) },
  });
  registerOutsideWorld(m.sys.network, { now: () => m.clock.now() });
  return m;
}

describe('pip with the python image interpreter', () => {
  it('`pip install requests` through the console script, then `import requests` works (transcript 18)', async () => {
    const m = pythonImage();
    const before = await m.run(['python3', '-c', 'import requests'], { env: ENV });
    expect(before.code).toBe(1);
    expect(before.stderr).toContain("ModuleNotFoundError: No module named 'requests'");
    const r = await m.run(['pip', 'install', 'requests'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Successfully installed certifi-2025.6.15 charset_normalizer-3.4.2 idna-3.10 requests-2.32.4 urllib3-2.5.0\n');
    const after = await m.run(['python3', '-c', 'import requests; print(requests.__version__)'], { env: ENV });
    expect(after).toMatchObject({ code: 0, stdout: '2.32.4\n' });
  });

  it('`python3 -m pip` runs the same pip', async () => {
    const m = pythonImage();
    const r = await m.run(['python3', '-m', 'pip', '--version'], { env: ENV });
    expect(r).toMatchObject({ code: 0, stdout: `pip 25.1.1 from ${SITE}/pip (python 3.13)\n` });
  });
});
