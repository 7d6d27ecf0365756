// CPython 3.13's standard library as `make install` lays it out under
// lib/python3.13 (tests removed, no .pyc, as the official images do), and the
// pip it bundles. Sizes are nominal; the layer is scaled to the real total.

/** Top-level modules of Lib/ (3.13: aifc, cgi, crypt, telnetlib, lib2to3 … are gone). */
export const STDLIB_MODULES =
  `__future__ __hello__ _aix_support _android_support _collections_abc _colorize _compat_pickle _compression
_ios_support _markupbase _opcode_metadata _osx_support _py_abc _pydatetime _pydecimal _pyio _pylong _sitebuiltins _strptime
_threading_local _weakrefset abc antigravity argparse ast base64 bdb bisect bz2 calendar cmd code codecs codeop colorsys
compileall configparser contextlib contextvars copy copyreg cProfile csv dataclasses datetime decimal difflib dis doctest enum
filecmp fileinput fnmatch fractions ftplib functools genericpath getopt getpass gettext glob graphlib gzip hashlib heapq hmac
imaplib inspect io ipaddress keyword linecache locale lzma mailbox mimetypes modulefinder netrc ntpath nturl2path numbers opcode
operator optparse os pdb pickle pickletools pkgutil platform plistlib poplib posixpath pprint profile pstats pty py_compile
pyclbr pydoc queue quopri random reprlib rlcompleter runpy sched secrets selectors shelve shlex shutil signal site smtplib
socket socketserver ssl stat statistics string stringprep struct subprocess symtable tabnanny tarfile tempfile textwrap
threading timeit token tokenize trace traceback tracemalloc tty turtle types typing uuid warnings wave weakref webbrowser
zipapp zipimport`
    .split(/\s+/)
    .filter(Boolean);

/** Packages of Lib/ with their modules (`sub/` prefixes nest). */
export const STDLIB_PACKAGES: Record<string, string> = {
  asyncio:
    '__init__ __main__ base_events base_futures base_subprocess base_tasks constants coroutines events exceptions format_helpers futures locks log mixins proactor_events protocols queues runners selector_events sslproto staggered streams subprocess taskgroups tasks threads timeouts transports trsock unix_events windows_events windows_utils',
  collections: '__init__ abc',
  concurrent: '__init__ futures/__init__ futures/_base futures/process futures/thread',
  ctypes:
    '__init__ _aix _endian util wintypes macholib/__init__ macholib/dyld macholib/dylib macholib/framework',
  curses: '__init__ ascii has_key panel textpad',
  dbm: '__init__ dumb gnu ndbm sqlite3',
  email:
    '__init__ _encoded_words _header_value_parser _parseaddr _policybase base64mime charset contentmanager encoders errors feedparser generator header headerregistry iterators message parser policy quoprimime utils mime/__init__ mime/application mime/audio mime/base mime/image mime/message mime/multipart mime/nonmultipart mime/text',
  encodings:
    '__init__ aliases ascii base64_codec big5 big5hkscs bz2_codec charmap cp037 cp1006 cp1026 cp1125 cp1140 cp1250 cp1251 cp1252 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 cp273 cp424 cp437 cp500 cp720 cp737 cp775 cp850 cp852 cp855 cp856 cp857 cp858 cp860 cp861 cp862 cp863 cp864 cp865 cp866 cp869 cp874 cp875 cp932 cp949 cp950 euc_jis_2004 euc_jisx0213 euc_jp euc_kr gb18030 gb2312 gbk hex_codec hp_roman8 hz idna iso2022_jp iso2022_kr iso8859_1 iso8859_10 iso8859_11 iso8859_13 iso8859_14 iso8859_15 iso8859_16 iso8859_2 iso8859_3 iso8859_4 iso8859_5 iso8859_6 iso8859_7 iso8859_8 iso8859_9 johab koi8_r koi8_t koi8_u kz1048 latin_1 mac_arabic mac_croatian mac_cyrillic mac_farsi mac_greek mac_iceland mac_latin2 mac_roman mac_romanian mac_turkish mbcs oem palmos ptcp154 punycode quopri_codec raw_unicode_escape rot_13 shift_jis shift_jis_2004 shift_jisx0213 tis_620 undefined unicode_escape utf_16 utf_16_be utf_16_le utf_32 utf_32_be utf_32_le utf_7 utf_8 utf_8_sig uu_codec zlib_codec',
  ensurepip: '__init__ __main__ _uninstall',
  html: '__init__ entities parser',
  http: '__init__ client cookiejar cookies server',
  idlelib:
    '__init__ __main__ autocomplete autocomplete_w autoexpand browser calltip calltip_w codecontext colorizer config config_key configdialog debugger debugger_r debugobj debugobj_r delegator dynoption editor filelist format grep help help_about history hyperparser idle iomenu macosx mainmenu multicall outwin parenmatch pathbrowser percolator pyparse pyshell query redirector replace rpc run runscript scrolledlist search searchbase searchengine sidebar squeezer stackviewer statusbar textview tooltip tree undo util window zoomheight zzdummy',
  importlib:
    '__init__ _abc _bootstrap _bootstrap_external abc machinery readers simple util metadata/__init__ metadata/_adapters metadata/_collections metadata/_functools metadata/_itertools metadata/_meta metadata/_text metadata/diagnose resources/__init__ resources/_adapters resources/_common resources/_functional resources/_itertools resources/abc resources/readers resources/simple',
  json: '__init__ decoder encoder scanner tool',
  logging: '__init__ config handlers',
  multiprocessing:
    '__init__ connection context forkserver heap managers pool popen_fork popen_forkserver popen_spawn_posix popen_spawn_win32 process queues reduction resource_sharer resource_tracker shared_memory sharedctypes spawn synchronize util dummy/__init__ dummy/connection',
  pathlib: '__init__ _abc _local',
  pydoc_data: '__init__ topics',
  re: '__init__ _casefix _compiler _constants _parser',
  sqlite3: '__init__ __main__ dbapi2 dump',
  sysconfig: '__init__ __main__',
  tkinter:
    '__init__ __main__ colorchooser commondialog constants dialog dnd filedialog font messagebox scrolledtext simpledialog tix ttk',
  tomllib: '__init__ _parser _re _types',
  turtledemo:
    '__init__ __main__ bytedesign chaos clock colormixer forest fractalcurves lindenmayer minimal_hanoi nim paint peace penrose planet_and_moon rosette round_dance sorting_animate tree two_canvases yinyang',
  unittest: '__init__ __main__ _log async_case case loader main mock result runner signals suite util',
  urllib: '__init__ error parse request response robotparser',
  venv: '__init__ __main__',
  wsgiref: '__init__ handlers headers simple_server types util validate',
  xml: '__init__ dom/NodeFilter dom/__init__ dom/domreg dom/expatbuilder dom/minicompat dom/minidom dom/pulldom dom/xmlbuilder etree/ElementInclude etree/ElementPath etree/ElementTree etree/__init__ etree/cElementTree parsers/__init__ parsers/expat sax/__init__ sax/_exceptions sax/expatreader sax/handler sax/saxutils sax/xmlreader',
  xmlrpc: '__init__ client server',
  zipfile: '__init__ __main__ _path/__init__ _path/glob',
  zoneinfo: '__init__ _common _tzpath _zoneinfo',
  _pyrepl:
    '__init__ __main__ _minimal_curses _threading_handler commands completing_reader console curses fancy_termios historical_reader input keymap main mypy.ini pager reader readline simple_interact trace types unix_console unix_eventqueue utils windows_console',
  __phello__: '__init__ spam ham/__init__ ham/eggs',
};

/** Extension modules in lib-dynload (`<name>.cpython-313-x86_64-linux-gnu.so`). */
export const LIB_DYNLOAD =
  `_asyncio _bisect _blake2 _bz2 _codecs_cn _codecs_hk _codecs_iso2022 _codecs_jp _codecs_kr _codecs_tw _contextvars _csv
_ctypes _ctypes_test _curses _curses_panel _datetime _dbm _decimal _elementtree _gdbm _hashlib _heapq _interpchannels
_interpqueues _interpreters _json _lsprof _lzma _md5 _multibytecodec _multiprocessing _opcode _pickle _posixshmem
_posixsubprocess _queue _random _sha1 _sha2 _sha3 _socket _sqlite3 _ssl _statistics _struct _testbuffer _testcapi
_testclinic _testexternalinspection _testimportmultiple _testinternalcapi _testmultiphase _testsinglephase _tkinter _uuid
_xxtestfuzz _zoneinfo array binascii cmath fcntl grp math mmap readline resource select syslog termios unicodedata
xxlimited xxlimited_35 xxsubtype zlib`
    .split(/\s+/)
    .filter(Boolean);

/** pip 25.1.1 as ensurepip installs it into site-packages. */
export const PIP_FILES =
  `__init__.py __main__.py __pip-runner__.py py.typed _internal/__init__.py _internal/build_env.py _internal/cache.py
_internal/configuration.py _internal/exceptions.py _internal/main.py _internal/pyproject.py _internal/self_outdated_check.py
_internal/wheel_builder.py _internal/cli/__init__.py _internal/cli/autocompletion.py _internal/cli/base_command.py
_internal/cli/cmdoptions.py _internal/cli/main.py _internal/cli/main_parser.py _internal/cli/parser.py
_internal/cli/progress_bars.py _internal/cli/req_command.py _internal/cli/spinners.py _internal/cli/status_codes.py
_internal/commands/__init__.py _internal/commands/cache.py _internal/commands/check.py _internal/commands/completion.py
_internal/commands/configuration.py _internal/commands/debug.py _internal/commands/download.py _internal/commands/freeze.py
_internal/commands/hash.py _internal/commands/help.py _internal/commands/index.py _internal/commands/inspect.py
_internal/commands/install.py _internal/commands/list.py _internal/commands/lock.py _internal/commands/search.py
_internal/commands/show.py _internal/commands/uninstall.py _internal/commands/wheel.py _internal/index/__init__.py
_internal/index/collector.py _internal/index/package_finder.py _internal/index/sources.py _internal/metadata/__init__.py
_internal/metadata/base.py _internal/models/__init__.py _internal/models/link.py _internal/models/wheel.py
_internal/network/__init__.py _internal/network/auth.py _internal/network/download.py _internal/network/session.py
_internal/operations/__init__.py _internal/operations/check.py _internal/operations/freeze.py _internal/operations/prepare.py
_internal/req/__init__.py _internal/req/constructors.py _internal/req/req_file.py _internal/req/req_install.py
_internal/req/req_uninstall.py _internal/resolution/__init__.py _internal/resolution/base.py _internal/utils/__init__.py
_internal/utils/logging.py _internal/utils/misc.py _internal/utils/subprocess.py _internal/vcs/__init__.py _internal/vcs/git.py
_vendor/__init__.py _vendor/vendor.txt _vendor/cachecontrol/__init__.py _vendor/certifi/__init__.py _vendor/certifi/cacert.pem
_vendor/certifi/core.py _vendor/dependency_groups/__init__.py _vendor/distlib/__init__.py _vendor/distro/__init__.py
_vendor/idna/__init__.py _vendor/idna/idnadata.py _vendor/msgpack/__init__.py _vendor/packaging/__init__.py
_vendor/packaging/markers.py _vendor/packaging/requirements.py _vendor/packaging/specifiers.py _vendor/packaging/tags.py
_vendor/packaging/version.py _vendor/pkg_resources/__init__.py _vendor/platformdirs/__init__.py _vendor/pygments/__init__.py
_vendor/pyproject_hooks/__init__.py _vendor/requests/__init__.py _vendor/requests/adapters.py _vendor/requests/api.py
_vendor/requests/models.py _vendor/requests/sessions.py _vendor/resolvelib/__init__.py _vendor/rich/__init__.py
_vendor/rich/console.py _vendor/rich/progress.py _vendor/tomli/__init__.py _vendor/tomli_w/__init__.py
_vendor/truststore/__init__.py _vendor/urllib3/__init__.py _vendor/urllib3/connectionpool.py _vendor/urllib3/poolmanager.py`
    .split(/\s+/)
    .filter(Boolean);

const ZEN = `The Zen of Python, by Tim Peters

Beautiful is better than ugly.
Explicit is better than implicit.
Simple is better than complex.
Complex is better than complicated.
Flat is better than nested.
Sparse is better than dense.
Readability counts.
Special cases aren't special enough to break the rules.
Although practicality beats purity.
Errors should never pass silently.
Unless explicitly silenced.
In the face of ambiguity, refuse the temptation to guess.
There should be one-- and preferably only one --obvious way to do it.
Although that way may not be obvious at first unless you're Dutch.
Now is better than never.
Although never is often better than *right* now.
If the implementation is hard to explain, it's a bad idea.
If the implementation is easy to explain, it may be a good idea.
Namespaces are one honking great idea -- let's do more of those!`;

function rot13(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Lib/this.py, byte for byte: the Zen of Python, rot13-encoded. */
export const THIS_PY = `s = """${rot13(ZEN)}"""

d = {}
for c in (65, 97):
    for i in range(26):
        d[chr(i+c)] = chr((i+13) % 26 + c)

print("".join([d.get(c, c) for c in s]))
`;
