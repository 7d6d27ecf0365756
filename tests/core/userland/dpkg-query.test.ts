// dpkg-query -W/-f and -s over /var/lib/dpkg/status, and the nginx image's stanza: its
// Conffiles carry the md5 of the default.conf the catalog ships, as
// 10-listen-on-ipv6-by-default.sh checks with `dpkg-query | grep | cut` and `md5sum -c`.
import { describe, expect, it } from 'vitest';
import { gen } from '../../../src/core/fs';
import { dpkgQuery } from '../../../src/core/userland/packages/dpkg';
import { toolPrograms } from '../../../src/core/userland/tools';
import { NGINX_DEFAULT_CONF } from '../../../src/core/image/catalog/nginx-files';
import { debian } from './tools/images';

const STATUS = `Package: nginx
Status: install ok installed
Architecture: amd64
Version: 1.29.0-1~bookworm
Conffiles:
 /etc/nginx/conf.d/default.conf 25c02145e4a2e1d2bc6da5d585cddd32
 /etc/nginx/nginx.conf 583ad3d81ca65e3d259c94d82b89bd36
Description: high performance web server

Package: zlib1g
Status: install ok installed
Architecture: amd64
Version: 1:1.2.13.dfsg-1
Description: compression library
`;

const machine = () =>
  debian({
    programs: [...toolPrograms(), { name: 'dpkg-query', run: dpkgQuery }],
    extra: { '/var/lib/dpkg/status': STATUS, '/usr/bin/dpkg-query': { content: gen(150_000, 'elf:dpkg-query'), mode: 0o755 } },
  });

describe('dpkg-query', () => {
  it('--show with the default format lists installed packages; -f fields with widths and escapes', async () => {
    const m = machine();
    expect((await m.run(['dpkg-query', '-W'])).stdout).toBe('nginx\t1.29.0-1~bookworm\nzlib1g\t1:1.2.13.dfsg-1\n');
    expect((await m.run(['dpkg-query', '--show', '--showformat=${Package;-8}|${Version}|${db:Status-Abbrev}\\n', 'zlib*'])).stdout).toBe('zlib1g  |1:1.2.13.dfsg-1|ii \n');
  });

  it('${Conffiles} prints " path md5" lines, which grep and cut take apart as the nginx script does', async () => {
    const m = machine();
    const r = await m.run(['dpkg-query', '--show', '--showformat=${Conffiles}\\n', 'nginx']);
    expect(r.stdout).toBe(' /etc/nginx/conf.d/default.conf 25c02145e4a2e1d2bc6da5d585cddd32\n /etc/nginx/nginx.conf 583ad3d81ca65e3d259c94d82b89bd36\n');
    const cut = await m.run(['cut', '-d', ' ', '-f', '3'], { stdin: r.stdout.split('\n')[0] + '\n' });
    expect(cut.stdout).toBe('25c02145e4a2e1d2bc6da5d585cddd32\n');
  });

  it('a package it does not know: a message and status 1; no action: status 2', async () => {
    const m = machine();
    expect(await m.run(['dpkg-query', '-W', 'nosuch'])).toMatchObject({ stderr: 'dpkg-query: no packages found matching nosuch\n', code: 1 });
    expect((await m.run(['dpkg-query', 'nginx'])).code).toBe(2);
    expect((await m.run(['dpkg-query', '-s', 'zlib1g'])).stdout).toContain('Package: zlib1g\nStatus: install ok installed\n');
  });

  it("the catalog's nginx default.conf has the md5 its stanza above records", async () => {
    const m = debian({ extra: { '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF } });
    expect((await m.run(['md5sum', '/etc/nginx/conf.d/default.conf'])).stdout).toBe('25c02145e4a2e1d2bc6da5d585cddd32  /etc/nginx/conf.d/default.conf\n');
  });
});
