// A port of the transcripts' `normalize` script (tests/fixtures/transcripts/normalize.reference.js)
// plus one rule of ours: human sizes become <SIZE>, because Stevedore's images are the
// real-sized ones while the recordings used few-MB stand-ins.

const ADJECTIVES = (
  'admiring adoring affectionate agitated amazing angry awesome beautiful blissful bold ' +
  'boring brave busy charming clever compassionate competent condescending confident cool cranky crazy ' +
  'dazzling determined distracted dreamy eager ecstatic elastic elated elegant eloquent epic exciting ' +
  'fervent festive flamboyant focused friendly frosty funny gallant gifted goofy gracious great happy ' +
  'hardcore heuristic hopeful hungry infallible inspiring intelligent interesting jolly jovial keen kind ' +
  'laughing loving lucid magical modest musing mystifying naughty nervous nice nifty nostalgic objective ' +
  'optimistic peaceful pedantic pensive practical priceless quirky quizzical recursing relaxed reverent ' +
  'romantic sad serene sharp silly sleepy stoic strange stupefied suspicious sweet tender thirsty trusting ' +
  'unruffled upbeat vibrant vigilant vigorous wizardly wonderful xenodochial youthful zealous zen'
).split(' ');

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';

type Rule = [RegExp, (m: string, ...groups: string[]) => string];

const RULES: Rule[] = [
  [
    /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?/g,
    (m) => (m.startsWith('0001-01-01') ? m : '<TIME>'),
  ],
  [/\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? UTC\b/g, () => '<TIME>'],
  [/\b\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\b/g, () => '<TIME>'],
  [new RegExp(`\\b${MONTH} {1,2}\\d{1,2} +(?:\\d\\d:\\d\\d(?!:)|\\d{4})\\b`, 'g'), () => '<TIME>'],
  [/\b(file|dir):[0-9a-f]{6,64}…?/g, (_m, k) => `${k}:<HASH>`],
  [/sha256:([0-9a-f]{64})/g, () => '<DIGEST>'],
  [/(?<![0-9a-zA-Z])([0-9a-f]{64})(?![0-9a-zA-Z])/g, () => '<ID64>'],
  [/(?<![0-9a-zA-Z_.:-])([0-9a-f]{12})(?![0-9a-zA-Z_-])/g, () => '<ID12>'],
  [new RegExp(`\\b(?:${ADJECTIVES.join('|')})_[a-z]+\\d?\\b`, 'g'), () => '<NAME>'],
  [
    /\b(?:Less than a second|About a minute|About an hour|\d+ (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?))\b/g,
    () => '<DURATION>',
  ],
  [/("Pid": )\d+/g, (_m, k) => `${k}<PID>`],
];

const SIZE: Rule = [/(?<![\w.])\d+(?:\.\d+)?(?:e\+\d+)?(?:B|kB|MB|GB|TB)\b/g, () => '<SIZE>'];

export interface NormalizeOptions {
  squeeze?: boolean;
  sizes?: boolean;
}

export function normalizeLine(line: string, opts: NormalizeOptions = {}): string {
  let out = line;
  for (const [re, fn] of RULES) out = out.replace(re, fn as (m: string, ...g: string[]) => string);
  if (opts.sizes) out = out.replace(SIZE[0], SIZE[1] as () => string);
  if (opts.squeeze ?? true) {
    const m = /^([ \t]*)([\s\S]*)$/.exec(out)!;
    out = m[1] + m[2].replace(/[ \t]{2,}/g, '  ').replace(/[ \t]+$/, '');
  }
  return out;
}

export function normalize(text: string, opts: NormalizeOptions = {}): string {
  return text
    .split('\n')
    .map((l) => normalizeLine(l, opts))
    .join('\n');
}

export interface TranscriptStep {
  command: string;
  output: string;
  exit: number;
}

/** Split a transcript file into `$ command` / output / `[exit N]` steps. */
export function parseTranscript(text: string): TranscriptStep[] {
  const steps: TranscriptStep[] = [];
  let cur: { command: string; lines: string[] } | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('$ ')) {
      cur = { command: line.slice(2), lines: [] };
      continue;
    }
    const m = /^\[exit (\d+)\]$/.exec(line);
    if (m && cur) {
      steps.push({
        command: cur.command,
        output: cur.lines.length ? cur.lines.join('\n') + '\n' : '',
        exit: Number(m[1]),
      });
      cur = undefined;
      continue;
    }
    if (cur && !line.startsWith('# ')) cur.lines.push(line);
  }
  return steps;
}

/** Split a shell command line the way the recorder's `bash -c` did (single and double quotes). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|"((?:\\.|[^"\\])*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  let pending = '';
  let lastEnd = -1;
  while ((m = re.exec(line))) {
    const part = m[1] ?? (m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]);
    if (m.index === lastEnd) pending += part;
    else {
      if (lastEnd !== -1) words.push(pending);
      pending = part;
    }
    lastEnd = m.index + m[0].length;
  }
  if (lastEnd !== -1) words.push(pending);
  return words;
}
