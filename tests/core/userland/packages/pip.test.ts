import { describe, expect, it } from 'vitest';
import { gen } from '../../../../src/core/fs';
import { NetNamespace } from '../../../../src/core/kernel/network';
import { registerOutsideWorld } from '../../../../src/core/userland/outside';
import { packagePrograms } from '../../../../src/core/userland/packages';
import { Machine, T0 } from '../harness';

const SITE = '/usr/local/lib/python3.13/site-packages';
const ENV = { PYTHON_VERSION: '3.13.5', LANG: 'C.UTF-8' };

/** A python:3.13-shaped root: CPython's lib dir, pip 25.1.1 installed by ensurepip (its METADATA and RECORD are generated blobs, as in the image catalog). */
function pythonImage(opts: { network?: boolean; musl?: boolean } = {}) {
  const m = new Machine({
    programs: packagePrograms(),
    files: {
      '/usr/local/bin/pip': { content: gen(1000, 'elf:pip'), mode: 0o755 },
      '/usr/local/bin/pip3': { symlink: 'pip' },
      '/usr/local/lib/python3.13/os.py': gen(42_000, 'os'),
      [`${SITE}/README.txt`]: 'This directory exists so that 3rd party packages can be installed\nhere.  Read the source for site.py for more details.\n',
      [`${SITE}/pip/__init__.py`]: gen(353, 'pip-init'),
      [`${SITE}/pip/_internal/main.py`]: gen(338, 'pip-main'),
      [`${SITE}/pip-25.1.1.dist-info/METADATA`]: gen(4700, 'blob'),
      [`${SITE}/pip-25.1.1.dist-info/INSTALLER`]: 'pip\n',
      [`${SITE}/pip-25.1.1.dist-info/RECORD`]: gen(71000, 'blob'),
      [`${SITE}/pip-25.1.1.dist-info/top_level.txt`]: 'pip\n',
      [`${SITE}/pip-25.1.1.dist-info/entry_points.txt`]: '[console_scripts]\npip = pip._internal.cli.main:main\npip3 = pip._internal.cli.main:main\n',
      '/root': { dir: true, mode: 0o700 },
      '/home/app': { dir: true, mode: 0o755, uid: 1000, gid: 1000 },
      '/tmp': { dir: true, mode: 0o1777 },
      ...(opts.musl ? { '/lib/ld-musl-x86_64.so.1': { content: gen(600_000, 'musl'), mode: 0o755 } } : {}),
    },
    sys: opts.network === false ? {} : { net: new NetNamespace('c', { ip: '172.17.0.2' }) },
  });
  registerOutsideWorld(m.sys.network, { now: () => m.clock.now() });
  return m;
}

const ROOT_WARNING =
  "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.";
const NOTICE = '\n[notice] A new release of pip is available: 25.1.1 -> 25.2\n[notice] To update, run: pip install --upgrade pip\n';

describe('pip install', () => {
  it('prints what pip 25.1 prints for `pip install requests` (transcript 18) and exits 0', async () => {
    const m = pythonImage();
    const r = await m.run(['pip', 'install', 'requests'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Collecting requests',
        '  Downloading requests-2.32.4-py3-none-any.whl.metadata (4.9 kB)',
        'Collecting charset_normalizer<4,>=2 (from requests)',
        '  Downloading charset_normalizer-3.4.2-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl.metadata (35 kB)',
        'Collecting idna<4,>=2.5 (from requests)',
        '  Downloading idna-3.10-py3-none-any.whl.metadata (10 kB)',
        'Collecting urllib3<3,>=1.21.1 (from requests)',
        '  Downloading urllib3-2.5.0-py3-none-any.whl.metadata (6.5 kB)',
        'Collecting certifi>=2017.4.17 (from requests)',
        '  Downloading certifi-2025.6.15-py3-none-any.whl.metadata (2.4 kB)',
        'Downloading requests-2.32.4-py3-none-any.whl (64 kB)',
        'Downloading charset_normalizer-3.4.2-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (148 kB)',
        'Downloading idna-3.10-py3-none-any.whl (70 kB)',
        'Downloading urllib3-2.5.0-py3-none-any.whl (129 kB)',
        'Downloading certifi-2025.6.15-py3-none-any.whl (157 kB)',
        'Installing collected packages: urllib3, idna, charset_normalizer, certifi, requests',
        'Successfully installed certifi-2025.6.15 charset_normalizer-3.4.2 idna-3.10 requests-2.32.4 urllib3-2.5.0',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(`${ROOT_WARNING}\n${NOTICE}`);
    // time passed on the clock for the round trips and the downloads
    expect(m.clock.now() - T0).toBeGreaterThan(500);
  });

  it('writes the packages into site-packages, the console script and the HTTP cache (what docker diff shows)', async () => {
    const m = pythonImage();
    await m.run(['pip', 'install', 'requests'], { env: ENV });
    const changed = new Set(m.fs.diff().map((c) => `${c.kind} ${c.path}`));
    for (const p of [
      'C /usr/local/bin',
      'A /usr/local/bin/normalizer',
      `C ${SITE}`,
      `A ${SITE}/requests`,
      `A ${SITE}/requests/__init__.py`,
      `A ${SITE}/requests/sessions.py`,
      `A ${SITE}/requests/__pycache__/__init__.cpython-313.pyc`,
      `A ${SITE}/requests-2.32.4.dist-info/INSTALLER`,
      `A ${SITE}/requests-2.32.4.dist-info/METADATA`,
      `A ${SITE}/requests-2.32.4.dist-info/RECORD`,
      `A ${SITE}/requests-2.32.4.dist-info/REQUESTED`,
      `A ${SITE}/charset_normalizer/md.cpython-313-x86_64-linux-gnu.so`,
      `A ${SITE}/charset_normalizer-3.4.2.dist-info/entry_points.txt`,
      `A ${SITE}/idna/uts46data.py`,
      `A ${SITE}/certifi/cacert.pem`,
      `A ${SITE}/urllib3/util/retry.py`,
      'C /root',
      'A /root/.cache',
      'A /root/.cache/pip',
      'A /root/.cache/pip/http-v2',
    ]) {
      expect(changed, p).toContain(p);
    }
    // dependencies are not "requested"
    expect(m.fs.exists(`${SITE}/idna-3.10.dist-info/REQUESTED`)).toBe(false);
    // sizes are the real files'
    expect(m.fs.stat(`${SITE}/requests/models.py`)).toMatchObject({ size: 35510, mode: 0o644 });
    expect(m.fs.readFile(`${SITE}/requests/__version__.py`)).toContain('__version__ = "2.32.4"');
    expect(m.fs.readFile(`${SITE}/requests-2.32.4.dist-info/METADATA`)).toMatch(/^Metadata-Version: 2\.4\nName: requests\nVersion: 2\.32\.4\n/);
    const script = m.fs.readFile('/usr/local/bin/normalizer');
    expect(script).toBe(
      "#!/usr/local/bin/python3.13\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom charset_normalizer import cli\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(cli.cli_detect())\n",
    );
    expect(m.fs.stat('/usr/local/bin/normalizer')).toMatchObject({ mode: 0o755 });
    const record = m.fs.readFile(`${SITE}/charset_normalizer-3.4.2.dist-info/RECORD`) as string;
    expect(record).toContain('../../../bin/normalizer,sha256=');
    expect(record).toContain('charset_normalizer/__pycache__/api.cpython-313.pyc,,\n');
    expect(record).toContain('charset_normalizer-3.4.2.dist-info/RECORD,,\n');
    // the cache files are named by sha224 of the URL, five one-letter directories deep
    const cached = m.fs.diff().filter((c) => c.path.startsWith('/root/.cache/pip/http-v2/') && c.path.endsWith('.body'));
    // five simple-index pages, five metadata files, five wheels, and the self check's page for pip
    expect(cached.length).toBe(16);
    for (const c of cached) expect(c.path).toMatch(/^\/root\/\.cache\/pip\/http-v2\/(\w)\/(\w)\/(\w)\/(\w)\/(\w)\/\1\2\3\4\5[0-9a-f]{51}\.body$/);
    expect(m.fs.exists('/root/.cache/pip/selfcheck')).toBe(true);
  });

  it('without a network: five retries with backoff, then "(from versions: none)", exit 1', async () => {
    const m = pythonImage({ network: false });
    const r = await m.run(['pip', 'install', 'requests'], { env: ENV });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    lines.slice(0, 5).forEach((l, i) =>
      expect(l).toMatch(
        new RegExp(
          `^WARNING: Retrying \\(Retry\\(total=${4 - i}, connect=None, read=None, redirect=None, status=None\\)\\) after connection broken by 'NewConnectionError\\('<pip\\._vendor\\.urllib3\\.connection\\.HTTPSConnection object at 0x7f[0-9a-f]{10}>: Failed to establish a new connection: \\[Errno -3\\] Temporary failure in name resolution'\\)': /simple/requests/$`,
        ),
      ),
    );
    expect(lines.slice(5)).toEqual(['ERROR: Could not find a version that satisfies the requirement requests (from versions: none)', 'ERROR: No matching distribution found for requests']);
    // 0 + 0.5 + 1 + 2 + 4 s of urllib3 backoff, plus interpreter start-up
    expect(m.clock.now() - T0).toBeGreaterThanOrEqual(7500);
    expect(m.fs.exists(`${SITE}/requests`)).toBe(false);
  });

  it('a second install is satisfied from site-packages without touching the network', async () => {
    const m = pythonImage();
    await m.run(['pip', 'install', 'requests'], { env: ENV });
    m.sys.net.routeOut = false;
    const r = await m.run(['pip', 'install', '--disable-pip-version-check', 'requests'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `Requirement already satisfied: requests in ${SITE} (2.32.4)`,
        `Requirement already satisfied: charset_normalizer<4,>=2 in ${SITE} (from requests) (3.4.2)`,
        `Requirement already satisfied: idna<4,>=2.5 in ${SITE} (from requests) (3.10)`,
        `Requirement already satisfied: urllib3<3,>=1.21.1 in ${SITE} (from requests) (2.5.0)`,
        `Requirement already satisfied: certifi>=2017.4.17 in ${SITE} (from requests) (2025.6.15)`,
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(`${ROOT_WARNING}\n`);
  });

  it('orders flask and its dependencies as pip does (Collecting, downloads, installation weights)', async () => {
    const m = pythonImage();
    const r = await m.run(['pip', 'install', '--root-user-action=ignore', 'flask'], { env: ENV });
    expect(r.code).toBe(0);
    const collecting = r.stdout.split('\n').filter((l) => l.startsWith('Collecting'));
    expect(collecting).toEqual([
      'Collecting flask',
      'Collecting blinker>=1.9.0 (from flask)',
      'Collecting click>=8.1.3 (from flask)',
      'Collecting itsdangerous>=2.2.0 (from flask)',
      'Collecting jinja2>=3.1.2 (from flask)',
      'Collecting markupsafe>=2.1.1 (from flask)',
      'Collecting werkzeug>=3.1.0 (from flask)',
    ]);
    expect(r.stdout).toContain('  Downloading MarkupSafe-3.0.2-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl.metadata (4.0 kB)\n');
    expect(r.stdout).toContain('Installing collected packages: markupsafe, itsdangerous, click, blinker, werkzeug, jinja2, flask\n');
    expect(r.stdout).toContain('Successfully installed blinker-1.9.0 click-8.2.1 flask-3.1.1 itsdangerous-2.2.0 jinja2-3.1.6 markupsafe-3.0.2 werkzeug-3.1.3\n');
    expect(r.stderr).toBe(NOTICE);
    expect(m.fs.exists('/usr/local/bin/flask')).toBe(true);
    expect(m.fs.exists(`${SITE}/markupsafe/_speedups.cpython-313-x86_64-linux-gnu.so`)).toBe(true);
  });

  it('shows the chain of requirements and a progress bar for big wheels (fastapi, numpy)', async () => {
    const m = pythonImage();
    const r = await m.run(['pip', 'install', '-q', 'fastapi'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const r2 = await m.run(['pip', 'install', 'numpy'], { env: ENV });
    expect(r2.stdout).toContain('Downloading numpy-2.3.1-cp313-cp313-manylinux_2_28_x86_64.whl (16.6 MB)\n   ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 16.6/16.6 MB 20.0 MB/s eta 0:00:00\n');
    expect(m.fs.exists('/usr/local/bin/f2py')).toBe(true);
    const m2 = pythonImage();
    const r3 = await m2.run(['pip', 'install', 'fastapi'], { env: ENV });
    expect(r3.stdout).toContain('Collecting idna>=2.8 (from anyio<5,>=3.6.2->starlette<0.47.0,>=0.40.0->fastapi)\n');
    expect(r3.stdout).toContain('Installing collected packages: typing-extensions, sniffio, idna, annotated-types, typing-inspection, pydantic-core, anyio, starlette, pydantic, fastapi\n');
    // typing_extensions is only required by anyio before Python 3.13: no second Collecting line for it
    expect(r3.stdout.match(/Collecting typing/g)).toEqual(['Collecting typing', 'Collecting typing']);
  });

  it('picks musllinux wheels on Alpine', async () => {
    const m = pythonImage({ musl: true });
    const r = await m.run(['pip', 'install', 'markupsafe'], { env: ENV });
    expect(r.stdout).toContain('Downloading MarkupSafe-3.0.2-cp313-cp313-musllinux_1_2_x86_64.whl (23 kB)\n');
    expect(m.fs.exists(`${SITE}/markupsafe/_speedups.cpython-313-x86_64-linux-musl.so`)).toBe(true);
  });

  it('reads -r requirements.txt and says where each requirement came from', async () => {
    const m = pythonImage();
    m.fs.writeFile('/tmp/requirements.txt', '# deps\nrequests==2.31.0  # pinned\n\nidna\n');
    const r = await m.run(['pip', 'install', '-r', 'requirements.txt'], { env: ENV, cwd: '/tmp' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Collecting requests==2.31.0 (from -r requirements.txt (line 2))\n');
    expect(r.stdout).toContain('Collecting idna (from -r requirements.txt (line 4))\n');
    expect(r.stdout).toContain('Collecting charset_normalizer<4,>=2 (from requests==2.31.0->-r requirements.txt (line 2))\n');
    expect(r.stdout).toContain('Successfully installed certifi-2025.6.15 charset_normalizer-3.4.2 idna-3.10 requests-2.31.0 urllib3-2.5.0\n');
    const missing = await m.run(['pip', 'install', '-r', 'nope.txt'], { env: ENV, cwd: '/tmp' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`${NOTICE}ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'nope.txt'\n`);
  });

  it('reports unknown packages and versions with the versions the index has, the notice before the final error', async () => {
    const m = pythonImage();
    const r = await m.run(['pip', 'install', 'requests==9.9'], { env: ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`ERROR: Could not find a version that satisfies the requirement requests==9.9 (from versions: 2.31.0, 2.32.3, 2.32.4)\n${NOTICE}ERROR: No matching distribution found for requests==9.9\n`);
    const r2 = await m.run(['pip', 'install', 'nosuchpackage'], { env: ENV });
    expect(r2.stderr).toContain('ERROR: Could not find a version that satisfies the requirement nosuchpackage (from versions: none)\n');
  });

  it('upgrades: uninstalls the old version inside the install step', async () => {
    const m = pythonImage();
    await m.run(['pip', 'install', 'requests==2.31.0'], { env: ENV });
    const r = await m.run(['pip', 'install', '-U', '--root-user-action', 'ignore', 'requests'], { env: ENV });
    expect(r.stdout).toContain(
      'Installing collected packages: requests\n  Attempting uninstall: requests\n    Found existing installation: requests 2.31.0\n    Uninstalling requests-2.31.0:\n      Successfully uninstalled requests-2.31.0\nSuccessfully installed requests-2.32.4\n',
    );
    expect(m.fs.exists(`${SITE}/requests-2.31.0.dist-info`)).toBe(false);
    expect(m.fs.exists(`${SITE}/requests-2.32.4.dist-info/RECORD`)).toBe(true);
  });

  it('uses the cache on a reinstall: "Using cached"', async () => {
    const m = pythonImage();
    await m.run(['pip', 'install', 'idna'], { env: ENV });
    await m.run(['pip', 'uninstall', '-y', 'idna'], { env: ENV });
    const r = await m.run(['pip', 'install', 'idna'], { env: ENV });
    expect(r.stdout).toBe('Collecting idna\n  Using cached idna-3.10-py3-none-any.whl.metadata (10 kB)\nUsing cached idna-3.10-py3-none-any.whl (70 kB)\nInstalling collected packages: idna\nSuccessfully installed idna-3.10\n');
  });

  it('installs into ~/.local for a user who cannot write site-packages', async () => {
    const m = pythonImage();
    const r = await m.run(['pip', 'install', 'idna'], { env: { ...ENV, HOME: '/home/app' }, uid: 1000, gid: 1000 });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Defaulting to user installation because normal site-packages is not writeable');
    expect(r.stderr).not.toContain('root');
    expect(m.fs.exists('/home/app/.local/lib/python3.13/site-packages/idna/core.py')).toBe(true);
    expect(m.fs.stat('/home/app/.local/lib/python3.13/site-packages/idna/core.py')).toMatchObject({ uid: 1000 });
  });
});

describe('pip uninstall, list, freeze, show', () => {
  it('uninstall -y removes what RECORD lists, scripts included', async () => {
    const m = pythonImage();
    await m.run(['pip', 'install', 'charset-normalizer'], { env: ENV });
    const r = await m.run(['pip', 'uninstall', '-y', 'charset_normalizer'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Found existing installation: charset-normalizer 3.4.2\nUninstalling charset-normalizer-3.4.2:\n  Successfully uninstalled charset-normalizer-3.4.2\n');
    expect(r.stderr).toBe(`${ROOT_WARNING}\n`);
    expect(m.fs.exists(`${SITE}/charset_normalizer`)).toBe(false);
    expect(m.fs.exists(`${SITE}/charset_normalizer-3.4.2.dist-info`)).toBe(false);
    expect(m.fs.exists('/usr/local/bin/normalizer')).toBe(false);
    // created and removed in the container: nothing left for docker diff
    expect(m.fs.diff().some((c) => c.path.includes('charset_normalizer'))).toBe(false);
    const again = await m.run(['pip', 'uninstall', '-y', 'charset_normalizer'], { env: ENV });
    expect(again.stderr).toBe(`WARNING: Skipping charset_normalizer as it is not installed.\n${ROOT_WARNING}\n`);
  });

  it('uninstall asks before removing; end of input at the prompt is an EOFError (exit 2)', async () => {
    const m = pythonImage();
    await m.run(['pip', 'install', 'idna'], { env: ENV });
    const r = await m.run(['pip', 'uninstall', 'idna'], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(`Found existing installation: idna 3.10\nUninstalling idna-3.10:\n  Would remove:\n    ${SITE}/idna-3.10.dist-info/*\n    ${SITE}/idna/*\nProceed (Y/n)? `);
    expect(r.stderr).toMatch(/^ERROR: Exception:\nTraceback \(most recent call last\):\n {2}File "\/usr\/local\/lib\/python3\.13\/site-packages\/pip\/_internal\/cli\/base_command\.py", line 105, in _run_wrapper\n/);
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('EOFError: EOF when reading a line');
    expect(m.fs.exists(`${SITE}/idna`)).toBe(true);
    const yes = await m.run(['pip', 'uninstall', 'idna'], { env: ENV, stdin: 'y\n' });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain('Proceed (Y/n)?   Successfully uninstalled idna-3.10\n');
    expect(m.fs.exists(`${SITE}/idna`)).toBe(false);
  });

  it('list, freeze and show describe the environment', async () => {
    const m = pythonImage();
    await m.run(['pip', 'install', 'requests'], { env: ENV });
    const list = await m.run(['pip', 'list'], { env: ENV });
    expect(list.stdout).toBe(
      'Package            Version\n------------------ ---------\ncertifi            2025.6.15\ncharset-normalizer 3.4.2\nidna               3.10\npip                25.1.1\nrequests           2.32.4\nurllib3            2.5.0\n',
    );
    expect(list.stderr).toBe(NOTICE);
    const freeze = await m.run(['pip', 'freeze'], { env: ENV });
    expect(freeze.stdout).toBe('certifi==2025.6.15\ncharset-normalizer==3.4.2\nidna==3.10\nrequests==2.32.4\nurllib3==2.5.0\n');
    const show = await m.run(['pip', 'show', 'requests'], { env: ENV });
    expect(show.stdout).toBe(
      `Name: requests\nVersion: 2.32.4\nSummary: Python HTTP for Humans.\nHome-page: https://requests.readthedocs.io\nAuthor: Kenneth Reitz\nAuthor-email: me@kennethreitz.org\nLicense: Apache-2.0\nLocation: ${SITE}\nRequires: certifi, charset_normalizer, idna, urllib3\nRequired-by: \n`,
    );
    const showPip = await m.run(['pip', 'show', 'pip'], { env: ENV });
    expect(showPip.stdout).toContain('Name: pip\nVersion: 25.1.1\nSummary: The PyPA recommended tool for installing Python packages.\n');
    const none = await m.run(['pip', 'show', 'nope'], { env: ENV });
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('WARNING: Package(s) not found: nope\n');
    const version = await m.run(['pip', '--version'], { env: ENV });
    expect(version.stdout).toBe(`pip 25.1.1 from ${SITE}/pip (python 3.13)\n`);
  });

  it("usage errors are optparse's", async () => {
    const m = pythonImage();
    const r = await m.run(['pip', 'install', '--frobnicate', 'x'], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      '\nUsage:   \n  pip install [options] <requirement specifier> [package-index-options] ...\n  pip install [options] -r <requirements file> [package-index-options] ...\n  pip install [options] [-e] <vcs project url> ...\n  pip install [options] [-e] <local project path> ...\n  pip install [options] <archive url/path> ...\n\nno such option: --frobnicate\n',
    );
    const unknown = await m.run(['pip', 'instal', 'x'], { env: ENV });
    expect(unknown.stderr).toBe('ERROR: unknown command "instal" - maybe you meant "install"\n');
    const empty = await m.run(['pip', 'install'], { env: ENV, maxMs: 60_000 });
    expect(empty.stderr).toContain('ERROR: You must give at least one requirement to install (see "pip help install")\n');
  });
});
