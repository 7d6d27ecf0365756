import { it } from 'vitest';
import { Pipe } from '../../../../src/core/kernel/stream';
import { machine } from './setup';
it('x', async () => {
    const m = machine('bash');
    const err = new Pipe(); const out = new Pipe();
    const p = m.spawn(['bash', '-c', 'sleep 100; echo after $?'], {}, out, err);
    await m.advance(100);
    const child = [...m.kernel.processes.values()].find((q) => q.argv[0] === 'sleep')!;
    m.kernel.signal(child, 9);
    await m.drive(p);
    console.log(JSON.stringify([out.drain(), err.drain()]));
});
