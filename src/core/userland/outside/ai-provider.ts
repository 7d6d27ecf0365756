// The AI provider the course's chatbot talks to: an OpenAI-style HTTP API on
// api.openai.com (POST /v1/chat/completions, GET /v1/models) that checks the
// Bearer key against the world's valid key and answers with OpenAI's exact
// error bodies, or with a small deterministic rule-based assistant whose reply
// is derived from the conversation (greetings, arithmetic, the course's
// topics, the words of the question).
import { sha256Hex } from '../../hash';
import type { HttpRequest, HttpResponse, NetworkStack, Service } from '../../kernel/network';
import { header, httpDate } from './http';

export const AI_HOST = 'api.openai.com';

/** The key the student's .env holds (the world may configure another). */
export const DEFAULT_API_KEY = 'sk-proj-Stv3d0reC0urseK3y7Qx2LmN9pR4tW8yB1cD5fH6jK0sA';

export interface AiProviderOptions {
  apiKey?: string;
  /** Milliseconds since the epoch (the world's clock). */
  now: () => number;
}

interface ChatMessage {
  role: string;
  content: string;
}

const MODELS: Record<string, string> = {
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-4o': 'gpt-4o-2024-08-06',
  'gpt-4.1-mini': 'gpt-4.1-mini-2025-04-14',
  'gpt-4.1': 'gpt-4.1-2025-04-14',
  'gpt-3.5-turbo': 'gpt-3.5-turbo-0125',
};

const TOPICS: Array<[RegExp, string]> = [
  [
    /\bdocker ?file\b/i,
    'A Dockerfile is a recipe for an image: each instruction (FROM, RUN, COPY, ...) adds a layer on top of the previous one.',
  ],
  [
    /\bimages?\b/i,
    'An image is a read-only stack of filesystem layers plus some configuration (the command to run, environment variables, exposed ports).',
  ],
  [
    /\bcontainers?\b/i,
    'A container is a process running from an image, isolated with namespaces and limited with cgroups, with its own writable layer on top.',
  ],
  [
    /\bvolumes?\b/i,
    "A volume keeps data outside the container's writable layer, so it survives when the container is removed.",
  ],
  [
    /\bports?\b/i,
    'Publishing a port with -p HOST:CONTAINER lets traffic to the host port reach the program listening inside the container.',
  ],
  [
    /\blayers?\b/i,
    'Layers are shared between images: pulling an image only downloads the layers you do not have yet.',
  ],
  [
    /\bdocker\b/i,
    'Docker packages a program with everything it needs, so the same image runs the same way on any machine with Docker.',
  ],
  [
    /\bpython\b/i,
    'Python is a friendly language for scripts like this chatbot; in a container you can pick the exact version with the image tag, e.g. python:3.13.',
  ],
  [
    /\b(api ?key|environment variables?|\.env)\b/i,
    'Keeping the API key in an environment variable (or a .env file passed with --env-file) keeps it out of your source code.',
  ],
  [
    /\bpip\b|\brequests\b/i,
    "pip installs packages such as requests into the environment of the Python that runs it; in a container that is the container's own site-packages.",
  ],
];

const GREETING = /^\s*(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening)|greetings)\b/i;
const THANKS = /\b(thanks|thank you|thx|cheers)\b/i;
const FAREWELL = /^\s*(bye|goodbye|see you|see ya)\b/i;
const STOPWORDS = new Set(
  'a an the is are was were be to of and or in on at for with what how why who when where which can could do does did i you me my your it this that please tell about explain'.split(
    ' ',
  ),
);

/** Arithmetic in the question ("what is 12 * 7?"), evaluated without eval. */
function arithmetic(text: string): string | undefined {
  const m = /(-?\d+(?:\.\d+)?)\s*([-+*/x×÷])\s*(-?\d+(?:\.\d+)?)/.exec(text);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const op = m[2];
  let r: number;
  if (op === '+') r = a + b;
  else if (op === '-') r = a - b;
  else if (op === '*' || op === 'x' || op === '×') r = a * b;
  else {
    if (b === 0) return `${m[1]} divided by 0 is undefined: you cannot divide by zero.`;
    r = a / b;
  }
  const shown = Number.isInteger(r) ? String(r) : String(Math.round(r * 1e6) / 1e6);
  return `${m[1]} ${op === 'x' || op === '×' ? '*' : op === '÷' ? '/' : op} ${m[3]} = ${shown}.`;
}

function keywords(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z][a-z0-9'-]*/g) ?? [];
  return [...new Set(words.filter((w) => !STOPWORDS.has(w) && w.length > 2))];
}

/** The assistant: a reply that depends on what was asked and on the conversation so far. */
export function reply(messages: ChatMessage[]): string {
  const users = messages.filter((m) => m.role === 'user');
  const last = users[users.length - 1]?.content ?? '';
  const turn = users.length;
  const words = last.trim() ? last.trim().split(/\s+/).length : 0;
  const parts: string[] = [];
  if (GREETING.test(last))
    parts.push(
      turn > 1
        ? 'Hello again!'
        : "Hello! I'm the course assistant, answering from Stevedore's simulated AI provider.",
    );
  if (FAREWELL.test(last))
    return `Goodbye! We talked for ${turn} ${turn === 1 ? 'message' : 'messages'}. Good luck with your containers!`;
  if (THANKS.test(last)) parts.push("You're welcome!");
  const sum = arithmetic(last);
  if (sum) parts.push(sum);
  const topics = TOPICS.filter(([re]) => re.test(last)).map(([, t]) => t);
  parts.push(...topics.slice(0, 2));
  if (!sum && !topics.length && !GREETING.test(last) && !THANKS.test(last)) {
    const kw = keywords(last).slice(0, 3);
    if (kw.length)
      parts.push(
        `You asked about ${kw.map((k) => `"${k}"`).join(', ')}. I'm a small simulated model, so I only know about Docker, containers and this course, but that's a good question to explore.`,
      );
    else parts.push('Could you tell me a bit more about what you would like to know?');
  }
  if (GREETING.test(last) && !topics.length && !sum)
    parts.push('Ask me anything about Docker, images or containers.');
  parts.push(`(Your message had ${words} ${words === 1 ? 'word' : 'words'}.)`);
  return parts.join(' ');
}

function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function json4(v: unknown): string {
  return JSON.stringify(v, null, 4) + '\n';
}

/** OpenAI's key masking in its 401 message: the first 8 and last 4 characters. */
export function maskKey(key: string): string {
  if (key.length <= 12) return key;
  return key.slice(0, 8) + '*'.repeat(key.length - 12) + key.slice(-4);
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function id(prefix: string, seed: string, n: number): string {
  const hex = sha256Hex(seed) + sha256Hex(seed + '#');
  let out = '';
  for (let i = 0; i < n; i++) out += B62[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 62];
  return prefix + out;
}

export class AiProviderService implements Service {
  private requests = 0;
  readonly apiKey: string;

  constructor(private readonly o: AiProviderOptions) {
    this.apiKey = o.apiKey ?? DEFAULT_API_KEY;
  }

  private headers(reqId: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      date: httpDate(this.o.now()),
      'content-type': 'application/json',
      'openai-version': '2020-10-01',
      'x-request-id': reqId,
      'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
      server: 'cloudflare',
      ...extra,
    };
  }

  private error(
    status: number,
    reason: string,
    reqId: string,
    message: string,
    code: string | null,
    param: string | null = null,
  ): HttpResponse {
    const body = json4({ error: { message, type: 'invalid_request_error', param, code } });
    return { status, reason, headers: this.headers(reqId, { 'content-length': String(body.length) }), body };
  }

  async handle(req: HttpRequest): Promise<HttpResponse> {
    this.requests++;
    const reqId = id('req_', `${this.o.now()}:${this.requests}:${req.path}`, 32).toLowerCase();
    const path = req.path.split('?')[0];
    const auth = header(req, 'authorization');
    const known =
      (path === '/v1/chat/completions' && req.method === 'POST') ||
      (path === '/v1/models' && req.method === 'GET');
    if (!known) return this.error(404, 'Not Found', reqId, `Invalid URL (${req.method} ${path})`, null);
    if (!auth || !/^Bearer\s+\S/.test(auth)) {
      return this.error(
        401,
        'Unauthorized',
        reqId,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
        null,
      );
    }
    const key = auth.replace(/^Bearer\s+/, '').trim();
    if (key !== this.apiKey) {
      return this.error(
        401,
        'Unauthorized',
        reqId,
        `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        'invalid_api_key',
      );
    }
    if (path === '/v1/models') {
      const created = 1_686_935_002;
      const body =
        JSON.stringify(
          {
            object: 'list',
            data: Object.keys(MODELS).map((m) => ({ id: m, object: 'model', created, owned_by: 'system' })),
          },
          null,
          2,
        ) + '\n';
      return { status: 200, reason: 'OK', headers: this.headers(reqId), body };
    }
    let payload: { model?: unknown; messages?: unknown };
    try {
      payload = JSON.parse(req.body) as typeof payload;
    } catch {
      return this.error(
        400,
        'Bad Request',
        reqId,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
        null,
      );
    }
    if (payload.model === undefined)
      return this.error(400, 'Bad Request', reqId, 'you must provide a model parameter', null);
    const model = String(payload.model);
    if (!MODELS[model])
      return this.error(
        404,
        'Not Found',
        reqId,
        `The model \`${model}\` does not exist or you do not have access to it.`,
        'model_not_found',
      );
    if (!Array.isArray(payload.messages))
      return this.error(
        400,
        'Bad Request',
        reqId,
        "Missing required parameter: 'messages'.",
        'missing_required_parameter',
        'messages',
      );
    const messages: ChatMessage[] = (payload.messages as unknown[]).map((m) => {
      const x = m as { role?: unknown; content?: unknown };
      return {
        role: String(x.role ?? ''),
        content: typeof x.content === 'string' ? x.content : JSON.stringify(x.content ?? ''),
      };
    });
    const content = reply(messages);
    const prompt = messages.reduce((n, m) => n + tokens(m.content) + 4, 3);
    const completion = tokens(content);
    const created = Math.floor(this.o.now() / 1000);
    const body =
      JSON.stringify(
        {
          id: id('chatcmpl-', `${created}:${this.requests}:${content}`, 29),
          object: 'chat.completion',
          created,
          model: MODELS[model],
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content, refusal: null, annotations: [] },
              logprobs: null,
              finish_reason: 'stop',
            },
          ],
          usage: {
            prompt_tokens: prompt,
            completion_tokens: completion,
            total_tokens: prompt + completion,
            prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
            completion_tokens_details: {
              reasoning_tokens: 0,
              audio_tokens: 0,
              accepted_prediction_tokens: 0,
              rejected_prediction_tokens: 0,
            },
          },
          service_tier: 'default',
          system_fingerprint: 'fp_' + sha256Hex(model).slice(0, 10),
        },
        null,
        2,
      ) + '\n';
    return {
      status: 200,
      reason: 'OK',
      headers: this.headers(reqId, { 'openai-processing-ms': String(300 + (content.length % 500)) }),
      body,
    };
  }
}

/** Put the provider into the outside world of a network stack. */
export function registerAiProvider(stack: NetworkStack, o: AiProviderOptions): AiProviderService {
  const s = new AiProviderService(o);
  stack.outside.set(AI_HOST, s);
  return s;
}
