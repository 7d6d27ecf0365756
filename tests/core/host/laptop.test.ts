// The student's laptop: Ubuntu 24.04's files and facts, the host tools found
// by execve's lookup, and the chatbot running on the system Python 3.12 with
// python3-requests, as the student ran it in Module A.2.
import { describe, expect, it } from 'vitest';
import { OverlayMount } from '../../../src/core/fs';
import { FsError } from '../../../src/core/fs/types';
import { CHATBOT_PY, hostInfo, hostLayer, STUDENT } from '../../../src/core/host';
import { NetworkStack } from '../../../src/core/kernel/network';
import { seededRandom } from '../../../src/core/random';
import { resolveExec } from '../../../src/core/userland/exec';
import { DEFAULT_API_KEY, registerAiProvider } from '../../../src/core/userland/outside/ai-provider';
import { pythonPrograms } from '../../../src/core/userland/python';
import { shellPrograms } from '../../../src/core/userland/shell';
import { toolPrograms } from '../../../src/core/userland/tools';
import { ProgramTable } from '../../../src/core/userland/types';
import { Machine } from '../userland/harness';

const layer = hostLayer();
const fs = new OverlayMount([layer]);
const text = (p: string) => {
  const r = fs.readFile(p);
  if (r instanceof FsError) throw new Error(`${p}: ${r.message}`);
  return r;
};

describe('the laptop disk', () => {
  it('is Ubuntu 24.04 with a student (uid 1000) in the docker group', () => {
    expect(text('/etc/os-release')).toContain('PRETTY_NAME="Ubuntu 24.04.1 LTS"');
    expect(fs.readlink('/etc/os-release')).toBe('../usr/lib/os-release');
    expect(text('/etc/hostname')).toBe('laptop\n');
    expect(text('/etc/passwd')).toContain('student:x:1000:1000:Student,,,:/home/student:/bin/bash\n');
    expect(text('/etc/group')).toContain('docker:x:984:student\n');
    expect(fs.stat('/tmp')).toMatchObject({ kind: 'dir', mode: 0o1777 });
  });

  it("holds the student's chatbot, its .env with the world's key, and requirements", () => {
    expect(text('/home/student/chatbot.py')).toBe(CHATBOT_PY);
    expect(text('/home/student/.env')).toBe(`OPENAI_API_KEY=${DEFAULT_API_KEY}\n`);
    expect(text('/home/student/requirements.txt')).toBe('requests\n');
    expect(fs.stat('/home/student')).toMatchObject({ uid: 1000, gid: 1000, mode: 0o750 });
    expect(fs.stat('/home/student/.env')).toMatchObject({ uid: 1000, mode: 0o600 });
    // another user cannot read it; the student can
    expect(fs.as({ uid: 1001, gid: 1001 }).readFile('/home/student/chatbot.py')).toBeInstanceOf(FsError);
    expect(typeof fs.as({ uid: STUDENT.uid, gid: STUDENT.gid }).readFile('/home/student/.env')).toBe(
      'string',
    );
    expect(text('/home/student/.bashrc')).toContain('. ~/.env');
  });

  it('has the host tools where execve finds them', () => {
    const names = ['bash', 'dash', 'ls', 'cat', 'python3.12', 'docker', 'curl', 'grep', 'ps'];
    const programs = new ProgramTable().register(...names.map((name) => ({ name, run: async () => 0 })));
    const env = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
    expect(resolveExec(fs, ['sh', '-c', 'true'], env, programs)).toMatchObject({
      program: { name: 'dash' },
      path: '/usr/bin/dash',
    });
    expect(resolveExec(fs, ['python3', 'chatbot.py'], env, programs)).toMatchObject({
      program: { name: 'python3.12' },
      path: '/usr/bin/python3.12',
    });
    expect(resolveExec(fs, ['/bin/bash'], env, programs)).toMatchObject({ program: { name: 'bash' } });
    expect(resolveExec(fs, ['docker', 'ps'], env, programs)).toMatchObject({ program: { name: 'docker' } });
    expect(resolveExec(fs, ['python'], env, programs)).toMatchObject({ kind: 'not-found' });
    expect(resolveExec(fs, ['sudo'], env, programs)).toMatchObject({ kind: 'unsimulated' });
  });

  it('reports 2 CPUs (as the recording machine had) and 8 GB of RAM', () => {
    expect(hostInfo(0)).toMatchObject({
      kernelRelease: '6.8.0-49-generic',
      machine: 'x86_64',
      cpus: 2,
      memTotal: 8_232_296_448,
    });
    expect((hostInfo(0).memTotal / 1024 ** 3).toFixed(3)).toBe('7.667');
  });
});

describe('the chatbot on the laptop (Python 3.12, python3-requests)', () => {
  function laptop() {
    const network = new NetworkStack(seededRandom(2));
    const ref: { m?: Machine } = {};
    registerAiProvider(network, { now: () => ref.m!.clock.now() });
    ref.m = new Machine({
      layers: [layer],
      programs: pythonPrograms(),
      hostname: 'laptop',
      sys: { net: network.hostNetns, network },
      host: hostInfo(0),
    });
    return ref.m;
  }
  const asStudent = {
    uid: 1000,
    gid: 1000,
    cwd: '/home/student',
    env: { HOME: '/home/student', PATH: '/usr/local/bin:/usr/bin:/bin' },
  };

  it('chats with the key from .env', async () => {
    const m = laptop();
    const r = await m.run(['python3', 'chatbot.py'], {
      ...asStudent,
      env: { ...asStudent.env, OPENAI_API_KEY: DEFAULT_API_KEY },
      stdin: 'hello\nexit\n',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^Chatbot ready\. Type 'quit' or 'exit' to leave\.\nYou: Bot: Hello! .*\nYou: Bye!\n$/,
    );
  });

  it('prints 3.12 tracebacks (no caret lines for whole-line calls)', async () => {
    const m = laptop();
    const r = await m.run(['python3', 'chatbot.py'], {
      ...asStudent,
      env: { ...asStudent.env, OPENAI_API_KEY: 'x' },
    });
    // recorded from CPython 3.12
    expect(r.stderr).toBe(
      'Traceback (most recent call last):\n  File "/home/student/chatbot.py", line 50, in <module>\n    main()\n  File "/home/student/chatbot.py", line 37, in main\n    message = input("You: ").strip()\n              ^^^^^^^^^^^^^^\nEOFError: EOF when reading a line\n',
    );
    expect((await m.run(['python3', '--version'], asStudent)).stdout).toBe('Python 3.12.3\n');
    expect(
      (await m.run(['python3', '-c', 'import requests; print(requests.__version__)'], asStudent)).stdout,
    ).toBe('2.31.0\n');
  });
});

describe("the student's shell", () => {
  it('sources ~/.bashrc: coloured prompt, the key from ~/.env exported to programs', async () => {
    const m = new Machine({
      layers: [layer],
      programs: [...shellPrograms(), ...toolPrograms(), ...pythonPrograms()],
      hostname: 'laptop',
      host: hostInfo(0),
    });
    const r = await m.run(['bash', '-i'], {
      uid: 1000,
      gid: 1000,
      cwd: '/home/student',
      env: { HOME: '/home/student', USER: 'student', TERM: 'xterm-256color' },
      stdin:
        "python3 -c \"import os; print(os.environ['OPENAI_API_KEY'] == open('.env').read().split('=')[1].strip())\"\nexit\n",
    });
    const prompt = '\x1b[01;32mstudent@laptop\x1b[00m:\x1b[01;34m~\x1b[00m$ ';
    expect(r.stdout).toBe(`${prompt}True\n${prompt}`);
    expect(r.code).toBe(0);
  });
});
