// The simulated AI provider: OpenAI's exact error bodies for missing and
// wrong keys, unknown models and bad JSON; deterministic replies derived from
// the conversation, in chat.completion JSON.
import { describe, expect, it } from 'vitest';
import { NetworkStack } from '../../../../src/core/kernel/network';
import { seededRandom } from '../../../../src/core/random';
import {
  AI_HOST,
  AiProviderService,
  DEFAULT_API_KEY,
  maskKey,
  registerAiProvider,
  reply,
} from '../../../../src/core/userland/outside/ai-provider';

const NOW = Date.UTC(2026, 10, 27, 21, 21, 3);
const provider = () => new AiProviderService({ now: () => NOW });
const chat = (s: AiProviderService, body: unknown, auth: string | undefined = `Bearer ${DEFAULT_API_KEY}`) =>
  s.handle({
    method: 'POST',
    path: '/v1/chat/completions',
    host: AI_HOST,
    headers: auth ? { Authorization: auth, 'Content-Type': 'application/json' } : {},
    body: typeof body === 'string' ? body : JSON.stringify(body),
    from: '172.17.0.2',
  });

describe('the AI provider', () => {
  it('answers a valid request with a chat.completion', async () => {
    const r = await chat(provider(), {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(r.status).toBe(200);
    const j = JSON.parse(r.body);
    expect(j).toMatchObject({
      object: 'chat.completion',
      created: NOW / 1000,
      model: 'gpt-4o-mini-2024-07-18',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant' } }],
    });
    expect(j.id).toMatch(/^chatcmpl-[0-9A-Za-z]{29}$/);
    expect(j.choices[0].message.content).toMatch(/^Hello! /);
    expect(j.usage.total_tokens).toBe(j.usage.prompt_tokens + j.usage.completion_tokens);
    expect(r.headers['content-type']).toBe('application/json');
  });

  it("rejects a wrong key with OpenAI's 401 body (key masked)", async () => {
    const r = await chat(
      provider(),
      { model: 'gpt-4o-mini', messages: [] },
      'Bearer sk-abc123def456ghi789jkl012',
    );
    expect(r.status).toBe(401);
    expect(r.body).toBe(
      '{\n    "error": {\n        "message": "Incorrect API key provided: sk-abc12***************l012. You can find your API key at https://platform.openai.com/account/api-keys.",\n        "type": "invalid_request_error",\n        "param": null,\n        "code": "invalid_api_key"\n    }\n}\n',
    );
    expect(maskKey('sk-short')).toBe('sk-short');
  });

  it('rejects a missing key, an unknown model, a body that is not JSON', async () => {
    const none = await chat(provider(), {}, '');
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error).toMatchObject({ type: 'invalid_request_error', code: null });
    expect(JSON.parse(none.body).error.message).toMatch(/^You didn't provide an API key\./);
    const model = await chat(provider(), { model: 'gpt-9', messages: [] });
    expect(model.status).toBe(404);
    expect(JSON.parse(model.body).error).toEqual({
      message: 'The model `gpt-9` does not exist or you do not have access to it.',
      type: 'invalid_request_error',
      param: null,
      code: 'model_not_found',
    });
    const bad = await chat(provider(), '{not json');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/^We could not parse the JSON body of your request\./);
    const url = await provider().handle({
      method: 'GET',
      path: '/v1/nope',
      host: AI_HOST,
      headers: {},
      body: '',
      from: '',
    });
    expect(JSON.parse(url.body).error.message).toBe('Invalid URL (GET /v1/nope)');
  });

  it('replies from what was asked, deterministically', () => {
    const ask = (...contents: string[]) => reply(contents.map((content) => ({ role: 'user', content })));
    expect(ask('what is 12 * 7?')).toBe('12 * 7 = 84. (Your message had 5 words.)');
    expect(ask('Tell me about volumes')).toMatch(/^A volume keeps data outside/);
    expect(ask('hi', 'hello again')).toMatch(/^Hello again!/);
    expect(ask('bye')).toBe('Goodbye! We talked for 1 message. Good luck with your containers!');
    expect(ask('What about quantum gravity?')).toContain('You asked about "quantum", "gravity".');
    expect(ask('What about quantum gravity?')).toBe(ask('What about quantum gravity?'));
  });

  it('registers into the outside world of a network stack', () => {
    const stack = new NetworkStack(seededRandom(1));
    const s = registerAiProvider(stack, { now: () => NOW, apiKey: 'sk-other' });
    expect(stack.outside.get(AI_HOST)).toBe(s);
    expect(s.apiKey).toBe('sk-other');
  });
});
