// The course's chatbot end to end: the student's chatbot.py run by the
// simulated python3 in a container-like namespace, talking through requests
// to the simulated AI provider on the outside network. No fakes: the layer
// holds requests as pip installs it, the provider is the real Service.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHATBOT_PY } from '../../../../src/core/host';
import { NetNamespace, NetworkStack } from '../../../../src/core/kernel/network';
import { seededRandom } from '../../../../src/core/random';
import {
  AI_HOST,
  DEFAULT_API_KEY,
  registerAiProvider,
} from '../../../../src/core/userland/outside/ai-provider';
import { pythonPrograms } from '../../../../src/core/userland/python';
import { Machine } from '../harness';
import { pythonImage, requestsInstalled } from './image';

function setup(opts: { requests?: boolean; network?: 'bridge' | 'none' } = {}) {
  const network = new NetworkStack(seededRandom(7));
  const ref: { machine?: Machine } = {};
  registerAiProvider(network, { now: () => ref.machine!.clock.now() });
  const net =
    opts.network === 'none'
      ? new NetNamespace('c-none', { routeOut: false })
      : network.attachBridge('c1', seededRandom(3))!.netns;
  const files = pythonImage({
    '/app/chatbot.py': CHATBOT_PY,
    ...(opts.requests === false ? {} : requestsInstalled()),
  });
  ref.machine = new Machine({ files, programs: pythonPrograms(), sys: { net, network }, container: true });
  return ref.machine;
}

const KEY = { OPENAI_API_KEY: DEFAULT_API_KEY };

describe('chatbot.py in a container', () => {
  it('fails at the import when requests is not installed', async () => {
    const m = setup({ requests: false });
    const r = await m.run(['python3', '/app/chatbot.py'], { env: KEY });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Traceback (most recent call last):\n  File "/app/chatbot.py", line 9, in <module>\n    import requests\nModuleNotFoundError: No module named \'requests\'\n',
    );
    expect(r.stdout).toBe('');
  });

  it('says plainly when the key is missing', async () => {
    const m = setup();
    const r = await m.run(['python3', '/app/chatbot.py']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Error: the OPENAI_API_KEY environment variable is not set.\nSet it to your API key, for example: export OPENAI_API_KEY=sk-...\n',
    );
  });

  it("surfaces the provider's 401 for a wrong key as raise_for_status does", async () => {
    const m = setup();
    const r = await m.run(['python3', '/app/chatbot.py'], {
      env: { OPENAI_API_KEY: 'sk-abc123wrongkey456def789' },
      stdin: 'hello\n',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("Chatbot ready. Type 'quit' or 'exit' to leave.\nYou: ");
    expect(r.stderr).toBe(
      [
        'Traceback (most recent call last):',
        '  File "/app/chatbot.py", line 50, in <module>',
        '    main()',
        '    ~~~~^^',
        '  File "/app/chatbot.py", line 44, in main',
        '    reply = ask(history, api_key)',
        '  File "/app/chatbot.py", line 23, in ask',
        '    response.raise_for_status()',
        '    ~~~~~~~~~~~~~~~~~~~~~~~~~^^',
        '  File "/usr/local/lib/python3.13/site-packages/requests/models.py", line 1167, in raise_for_status',
        '    raise HTTPError(http_error_msg, response=self)',
        'requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.openai.com/v1/chat/completions',
        '',
      ].join('\n'),
    );
  });

  it('raises EOFError at input() when stdin is empty', async () => {
    const m = setup();
    const r = await m.run(['python3', '/app/chatbot.py'], { env: KEY });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("Chatbot ready. Type 'quit' or 'exit' to leave.\nYou: ");
    expect(r.stderr).toBe(
      [
        'Traceback (most recent call last):',
        '  File "/app/chatbot.py", line 50, in <module>',
        '    main()',
        '    ~~~~^^',
        '  File "/app/chatbot.py", line 37, in main',
        '    message = input("You: ").strip()',
        '              ~~~~~^^^^^^^^^',
        'EOFError: EOF when reading a line',
        '',
      ].join('\n'),
    );
  });

  it('chats: replies derived from each message, then quits', async () => {
    const m = setup();
    const r = await m.run(['python3', '/app/chatbot.py'], {
      env: KEY,
      stdin: 'Hello!\nWhat is a docker image?\nwhat is 6 * 7\n\nquit\n',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe("Chatbot ready. Type 'quit' or 'exit' to leave.");
    expect(lines[1]).toMatch(/^You: Bot: Hello! I'm the course assistant/);
    expect(lines[2]).toMatch(/^You: Bot: An image is a read-only stack of filesystem layers/);
    expect(lines[2]).toContain('(Your message had 5 words.)');
    expect(lines[3]).toMatch(/^You: Bot: 6 \* 7 = 42\./);
    expect(lines[4]).toBe('You: You: Bye!');
  });

  it("with --network none, name resolution fails with requests' whole exception chain, as CPython prints it", async () => {
    const m = setup({ network: 'none' });
    const r = await m.run(['python3', '/app/chatbot.py'], { env: KEY, stdin: 'hi\n' });
    expect(r.code).toBe(1);
    // recorded from CPython 3.13 + requests (paths normalised; EAI_AGAIN as a resolver without a network reports it)
    const real = readFileSync(
      new URL('../../../fixtures/python/chatbot-network-none.stderr', import.meta.url),
      'utf8',
    );
    expect(r.stderr).toBe(real);
    expect(real.split('\n').at(-2)).toBe(
      `requests.exceptions.ConnectionError: HTTPSConnectionPool(host='${AI_HOST}', port=443): Max retries exceeded with url: /v1/chat/completions (Caused by NameResolutionError("HTTPSConnection(host='${AI_HOST}', port=443): Failed to resolve '${AI_HOST}' ([Errno -3] Temporary failure in name resolution)"))`,
    );
  });
});
