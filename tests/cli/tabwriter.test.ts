// docker's tabwriter fork and the formatter Context: column blocks, padding, the
// unpadded last column, display widths (wide CJK = 2, `…` = 1) and `table` formats.
import { describe, expect, it } from 'vitest';
import { TabWriter, dockerTabWriter } from '../../src/cli/tabwriter';
import { ellipsis, stringWidth } from '../../src/cli/runewidth';
import { contextValue, formatWrite, headerValue, preFormat } from '../../src/cli/formatter';

const table = (text: string) => {
  const tw = dockerTabWriter();
  tw.write(text);
  return tw.flush();
};

describe('tabwriter', () => {
  it('an empty docker ps prints the header with minimum widths (reference §1.1)', () => {
    expect(table('CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES\n')).toBe(
      'CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n',
    );
  });

  it('pads empty cells to the column width and never pads the last column (container_test.go)', () => {
    const out = table(
      'CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES\ncontainerID1\tubuntu\t""\t24 hours ago\t\t\tfoobar_baz\n',
    );
    expect(out).toBe(
      'CONTAINER ID   IMAGE     COMMAND   CREATED        STATUS    PORTS     NAMES\n' +
        'containerID1   ubuntu    ""        24 hours ago                       foobar_baz\n',
    );
  });

  it('measures display columns: wide characters count 2, the ellipsis 1', () => {
    const tw = new TabWriter({ minwidth: 0, tabwidth: 1, padding: 1, padchar: ' ' });
    tw.write('名前\tx\nab\ty\n"/docker-entrypoint.…"\tz\n');
    expect(tw.flush()).toBe('名前                   x\nab                     y\n"/docker-entrypoint.…" z\n');
    expect(stringWidth('名前')).toBe(4);
    expect(stringWidth('…')).toBe(1);
    expect(stringWidth('e\u0301')).toBe(1);
  });

  it('a line with fewer cells ends a column block, as text/tabwriter does', () => {
    const tw = new TabWriter({ minwidth: 0, tabwidth: 1, padding: 1, padchar: '.' });
    tw.write('a\tb\nlong line\naaaa\tc\n');
    // the single-cell line flushes: each block is aligned on its own
    expect(tw.flush()).toBe('a.b\nlong line\naaaa.c\n');
    const tw2 = new TabWriter({ minwidth: 0, tabwidth: 1, padding: 1, padchar: '.' });
    tw2.write('a\tb\tc\naaa\tb\naaaaa\tbbbbbb\tc\n');
    // column 1 of line 1 is its own block: line 2 has no cell terminated in that column
    expect(tw2.flush()).toBe('a.....b.c\naaa...b\naaaaa.bbbbbb.c\n');
  });

  it('text written in pieces is the same as written at once', () => {
    const tw = dockerTabWriter();
    for (const ch of 'REPOSITORY\tTAG\nhello-world\tlatest\n') tw.write(ch);
    expect(tw.flush()).toBe(table('REPOSITORY\tTAG\nhello-world\tlatest\n'));
  });
  it('a small table after a big one holds only its own text (the pooled scratch is reused)', () => {
    const big = dockerTabWriter();
    for (let i = 0; i < 3000; i++) big.write(`row${i}\tx\n`);
    expect(big.flush().split('\n')).toHaveLength(3001);
    const small = dockerTabWriter();
    small.write('A\tB\n1\t2\n');
    expect(small.flush()).toBe('A         B\n1         2\n');
  });
});

describe('Ellipsis', () => {
  it('keeps maxWidth-1 columns and adds …', () => {
    expect(ellipsis('/docker-entrypoint.sh nginx -g daemon off;', 20)).toBe('/docker-entrypoint.…');
    expect(ellipsis('python3', 20)).toBe('python3');
    expect(ellipsis('名前名前名前', 5)).toBe('名前…');
    expect(ellipsis('abc', 1)).toBe('a');
    expect(ellipsis('abc', 0)).toBe('');
  });
});

describe('formatter Context', () => {
  const rows = [
    contextValue('formatter.imageContext', { Repository: 'python', Tag: '3.13', ID: 'b7faf0563902' }),
    contextValue('formatter.imageContext', { Repository: 'hello-world', Tag: 'latest', ID: '2bff2e49d3ab' }),
  ];
  const header = headerValue({ Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID' });

  it('preFormat strips `table`, trims spaces and expands \\t and \\n', () => {
    expect(preFormat('table {{.ID}}\\t{{.Tag}}  ')).toBe('{{.ID}}\t{{.Tag}}');
    expect(preFormat('json')).toBe('{{json .}}');
    expect(preFormat('{{.ID}}\\n')).toBe('{{.ID}}\n');
  });

  it('a table takes its header from the header context and aligns it with the rows', () => {
    expect(formatWrite('table {{.Repository}}\\t{{.ID}}', header, rows).out).toBe(
      'REPOSITORY    IMAGE ID\npython        b7faf0563902\nhello-world   2bff2e49d3ab\n',
    );
  });

  it('header functions leave the column titles alone', () => {
    expect(formatWrite('table {{lower .Repository}}\\t{{json .Tag}}', header, rows).out).toBe(
      'REPOSITORY    TAG\npython        "3.13"\nhello-world   "latest"\n',
    );
  });

  it('an empty table still prints its header', () => {
    expect(formatWrite('table {{.Repository}}\\t{{.Tag}}', header, []).out).toBe('REPOSITORY   TAG\n');
  });

  it('a custom format prints one line per row, no header', () => {
    expect(formatWrite('{{.Repository}}:{{.Tag}}', header, rows).out).toBe(
      'python:3.13\nhello-world:latest\n',
    );
  });

  it('errors are "template parsing error: …", nothing printed', () => {
    expect(formatWrite('{{.Nope}}', header, rows)).toEqual({
      out: '',
      error:
        'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.imageContext',
    });
  });
});
