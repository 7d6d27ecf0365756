// Which PostgreSQL the image ships, from its PG_MAJOR and PG_VERSION
// environment (16 / 16.9-1.pgdg120+1), as every pg program prints it.

export interface PgVersion {
  major: string;
  short: string;
  debian: string;
}

/** From the image's PG_MAJOR/PG_VERSION (16 / 16.9-1.pgdg120+1). */
export function pgVersion(env: Record<string, string>): PgVersion {
  const debian = env.PG_VERSION ?? '16.9-1.pgdg120+1';
  const short = debian.split('-')[0];
  return { major: env.PG_MAJOR ?? short.split('.')[0], short, debian };
}

/** The server's version line (`SELECT version()`, the startup log). */
export function versionLine(v: PgVersion): string {
  return `PostgreSQL ${v.short} (Debian ${v.debian}) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`;
}
