// Which CPython a binary is: version, build stamp and compiler (sys.version
// and the REPL banner), where its library lives, and the behaviours that
// changed between 3.12 and 3.13 (colour, the new REPL, -c source lines,
// traceback carets).

export interface PyBuild {
  /** The program name in the ProgramTable (the binary's real file name). */
  binary: string;
  version: string;
  /** "main, Jun 10 2025, 23:12:46". */
  stamp: string;
  compiler: string;
  /** 3.13+: the PyREPL, coloured tracebacks, source lines for -c, 3.13 caret rules. */
  modern: boolean;
}

/** The python:3.13 images (the version must match the image catalog's PYTHON_VERSION). */
export const PY313: PyBuild = {
  binary: 'python3.13',
  version: '3.13.5',
  stamp: 'main, Jun 10 2025, 23:12:46',
  compiler: 'GCC 12.2.0',
  modern: true,
};

/** Ubuntu 24.04's system python (the student's laptop). */
export const PY312: PyBuild = {
  binary: 'python3.12',
  version: '3.12.3',
  stamp: 'main, Nov  6 2024, 18:32:19',
  compiler: 'GCC 13.2.0',
  modern: false,
};

export function sysVersion(b: PyBuild, alpine: boolean): string {
  const compiler = alpine ? 'GCC 14.2.0' : b.compiler;
  return `${b.version} (${b.stamp}) [${compiler}]`;
}

/** The library layout under the installation prefix (/usr/local for the images, /usr for Debian/Ubuntu). */
export function libPaths(
  b: PyBuild,
  prefix: string,
): { stdlib: string; dynload: string; site: string[]; zip: string } {
  const short = b.binary.replace('python', '');
  const tag = short.replace('.', '');
  if (prefix === '/usr') {
    return {
      zip: `/usr/lib/python${tag}.zip`,
      stdlib: `/usr/lib/python${short}`,
      dynload: `/usr/lib/python${short}/lib-dynload`,
      site: [`/usr/local/lib/python${short}/dist-packages`, '/usr/lib/python3/dist-packages'],
    };
  }
  return {
    zip: `${prefix}/lib/python${tag}.zip`,
    stdlib: `${prefix}/lib/python${short}`,
    dynload: `${prefix}/lib/python${short}/lib-dynload`,
    site: [`${prefix}/lib/python${short}/site-packages`],
  };
}
