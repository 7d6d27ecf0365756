// buildpack-deps:bookworm-curl, -scm and bookworm: the three apt layers the
// full python and node images are built on (curl/gnupg, then git & co., then
// compilers and -dev libraries, the bulk of python:3.13's gigabyte).
import { aptLayer, bins, blobs } from './apt';
import { BASE_PACKAGES } from './debian-lists';
import { df, lazy, type Recipe } from './recipe';
import type { TreeBuilder } from './tree';

const L = '/usr/lib/x86_64-linux-gnu';

export const CURL_CREATED = '2026-11-03T01:12:40Z';
export const SCM_CREATED = '2026-11-03T01:14:02Z';
export const BUILD_CREATED = '2026-11-03T01:20:55Z';

const CURL_PKGS =
  'ca-certificates curl dirmngr gnupg gnupg-l10n gnupg-utils gpg gpg-agent gpg-wks-client gpg-wks-server gpgconf gpgsm libassuan0 libbrotli1 libcurl4 libexpat1 libgssapi-krb5-2 libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 libksba8 libldap-2.5-0 libnghttp2-14 libnpth0 libpsl5 libreadline8 librtmp1 libsasl2-2 libsasl2-modules-db libsqlite3-0 libssh2-1 libssl3 netbase openssl pinentry-curses readline-common sq wget'.split(
    ' ',
  );

const SCM_PKGS =
  'git git-man libapr1 libaprutil1 libcurl3-gnutls liberror-perl libgdbm-compat4 libgdbm6 libperl5.36 libproc2-0 libpython3-stdlib libpython3.11-minimal libpython3.11-stdlib libserf-1-1 libsvn1 libutf8proc2 mercurial mercurial-common openssh-client perl perl-modules-5.36 procps python3 python3-minimal python3.11 python3.11-minimal subversion'.split(
    ' ',
  );

const BUILD_PKGS =
  'autoconf automake autotools-dev binutils binutils-common binutils-x86-64-linux-gnu bzip2 comerr-dev cpp cpp-12 default-libmysqlclient-dev dpkg-dev file fontconfig-config fonts-dejavu-core g++ g++-12 gcc gcc-12 gir1.2-glib-2.0 icu-devtools imagemagick imagemagick-6-common imagemagick-6.q16 libasan8 libatomic1 libbinutils libblkid-dev libbrotli-dev libbz2-dev libc-dev-bin libc6-dev libcairo2 libcc1-0 libcrypt-dev libctf0 libctf-nobfd0 libcurl4-openssl-dev libdb-dev libdb5.3-dev libdeflate-dev libdpkg-perl libevent-dev libexpat1-dev libffi-dev libfftw3-double3 libfontconfig1 libfreetype6 libfreetype-dev libgcc-12-dev libgdbm-dev libgirepository-2.0-0 libglib2.0-0 libglib2.0-bin libglib2.0-data libglib2.0-dev libglib2.0-dev-bin libgmp-dev libgomp1 libgprofng0 libgssrpc4 libhwasan0 libicu-dev libicu72 libisl23 libitm1 libjbig-dev libjbig0 libjpeg-dev libjpeg62-turbo libjpeg62-turbo-dev libkadm5clnt-mit12 libkadm5srv-mit12 libkdb5-10 libkrb5-dev liblcms2-2 liblcms2-dev liblqr-1-0 liblsan0 libltdl-dev libltdl7 liblzma-dev libmagic-mgc libmagic1 libmagickcore-6.q16-6 libmagickcore-6.q16-dev libmagickcore-dev libmagickwand-6.q16-6 libmagickwand-6.q16-dev libmagickwand-dev libmariadb-dev libmariadb-dev-compat libmariadb3 libmaxminddb-dev libmaxminddb0 libmount-dev libmpc3 libmpfr6 libncurses-dev libncurses5-dev libncursesw5-dev libopenjp2-7 libopenjp2-7-dev libpcre2-dev libpixman-1-0 libpkgconf3 libpng-dev libpng16-16 libpq-dev libpq5 libquadmath0 libreadline-dev librsvg2-2 libselinux1-dev libsepol-dev libsqlite3-dev libssl-dev libstdc++-12-dev libtiff-dev libtiff6 libtool libtsan2 libubsan1 libwebp-dev libwebp7 libx11-6 libx11-data libxau6 libxcb1 libxdmcp6 libxext6 libxml2 libxml2-dev libxslt1-dev libxslt1.1 libyaml-0-2 libyaml-dev linux-libc-dev m4 make mariadb-common mysql-common patch pkgconf pkgconf-bin rpcsvc-proto shared-mime-info unzip uuid-dev xz-utils zlib1g-dev'.split(
    ' ',
  );

function curlFiles(t: TreeBuilder): void {
  bins(
    t,
    '/usr/bin',
    'curl:276832 wget:524800 gpg:1106008 gpg-agent:379344 gpgconf:173128 gpgsm:596472 dirmngr:704808 dirmngr-client:71208 gpg-connect-agent:167088 gpgsplit:100360 gpgtar:137328 gpg-wks-server:208304 kbxutil:113064 watchgnupg:18696 sq:13512496 openssl:1004296 c_rehash:6998 pinentry-curses:71880 pinentry:>/etc/alternatives/pinentry',
  );
  bins(t, '/usr/sbin', 'update-ca-certificates:5438 addgnupghome:3084 applygnupgdefaults:2217');
  t.link('/etc/alternatives/pinentry', '/usr/bin/pinentry-curses');
  blobs(
    t,
    L,
    'libcurl.so.4.8.0:711360 libcurl.so.4>libcurl.so.4.8.0 libssl.so.3:687352 libcrypto.so.3:4709880 libnghttp2.so.14.24.1:170472 libnghttp2.so.14>libnghttp2.so.14.24.1 librtmp.so.1:120608 libssh2.so.1.0.1:268640 libssh2.so.1>libssh2.so.1.0.1 libpsl.so.5.3.4:76128 libpsl.so.5>libpsl.so.5.3.4 libldap-2.5.so.0.1.11:346360 libldap-2.5.so.0>libldap-2.5.so.0.1.11 liblber-2.5.so.0.1.11:59800 libsasl2.so.2.0.25:120336 libbrotlicommon.so.1.0.9:137800 libbrotlidec.so.1.0.9:51800 libbrotlienc.so.1.0.9:760592 libgssapi_krb5.so.2.2:338688 libkrb5.so.3.3:827936 libk5crypto.so.3.1:178456 libkrb5support.so.0.1:55072 libkeyutils.so.1.10:22608 libsqlite3.so.0.8.6:1490608 libsqlite3.so.0>libsqlite3.so.0.8.6 libksba.so.8.14.3:235184 libnpth.so.0.1.2:22624 libassuan.so.0.8.5:80088 libreadline.so.8.2:343968 libreadline.so.8>libreadline.so.8.2 libexpat.so.1.8.10:198712 libexpat.so.1>libexpat.so.1.8.10 libhistory.so.8.2:51424',
  );
  blobs(t, `${L}/engines-3`, 'afalg.so:26248 loader_attic.so:112600 padlock.so:14472');
  blobs(t, `${L}/ossl-modules`, 'legacy.so:153224');
  const cas =
    'ACCVRAIZ1 AC_RAIZ_FNMT-RCM Actalis_Authentication_Root_CA AffirmTrust_Commercial AffirmTrust_Networking AffirmTrust_Premium Amazon_Root_CA_1 Amazon_Root_CA_2 Amazon_Root_CA_3 Amazon_Root_CA_4 Atos_TrustedRoot_2011 Baltimore_CyberTrust_Root Buypass_Class_2_Root_CA Buypass_Class_3_Root_CA COMODO_Certification_Authority COMODO_ECC_Certification_Authority COMODO_RSA_Certification_Authority Certigna Certum_Trusted_Network_CA DigiCert_Assured_ID_Root_CA DigiCert_Global_Root_CA DigiCert_Global_Root_G2 DigiCert_Global_Root_G3 DigiCert_High_Assurance_EV_Root_CA DigiCert_Trusted_Root_G4 Entrust_Root_Certification_Authority GlobalSign_Root_CA GlobalSign_Root_CA_-_R3 GlobalSign_Root_CA_-_R6 Go_Daddy_Root_Certificate_Authority_-_G2 ISRG_Root_X1 ISRG_Root_X2 Microsoft_ECC_Root_Certificate_Authority_2017 Microsoft_RSA_Root_Certificate_Authority_2017 QuoVadis_Root_CA_2 SecureTrust_CA Starfield_Root_Certificate_Authority_-_G2 USERTrust_ECC_Certification_Authority USERTrust_RSA_Certification_Authority'.split(
      ' ',
    );
  for (const c of cas) {
    t.blob(`/usr/share/ca-certificates/mozilla/${c}.crt`, 1_900);
    t.link(`/etc/ssl/certs/${c}.pem`, `/usr/share/ca-certificates/mozilla/${c}.crt`);
  }
  t.blob('/etc/ssl/certs/ca-certificates.crt', 213_777);
  t.blob('/etc/ssl/openssl.cnf', 12_332);
  t.dir('/etc/ssl/private', 0o700);
  t.blob('/etc/ca-certificates.conf', 6_010);
  t.blob('/etc/services', 12_813);
  t.blob('/etc/protocols', 2_932);
  t.blob('/etc/rpc', 887);
  t.blob('/etc/ethertypes', 1_816);
  t.blob('/etc/wgetrc', 4_942);
  t.blob('/etc/gnutls/config', 100);
  blobs(
    t,
    '/usr/share/gnupg',
    'distsigkey.gpg:3407 sks-keyservers.netCA.pem:1996 help.txt:18000 help.de.txt:20000 help.fr.txt:21000',
  );
  blobs(
    t,
    '/usr/share/man/man1',
    'curl.1.gz:36000 wget.1.gz:30000 gpg.1.gz:48000 gpgsm.1.gz:17000 openssl.1ssl.gz:3000 sq.1.gz:2800',
  );
}

function scmFiles(t: TreeBuilder): void {
  bins(
    t,
    '/usr/bin',
    'git:3946312 git-receive-pack:>git git-upload-archive:>git git-upload-pack:>git git-shell:740328 hg:1827 svn:311264 svnadmin:89960 svndumpfilter:47288 svnlook:72256 svnmucc:60840 svnrdump:64744 svnserve:126864 svnsync:47464 svnversion:18960 ssh:1214616 scp:125096 sftp:145176 ssh-add:133976 ssh-agent:310296 ssh-argv0:1455 ssh-copy-id:13344 ssh-keygen:489560 ssh-keyscan:194352 slogin:>ssh ps:145400 top:130192 free:27152 kill:31264 pgrep:35248 pkill:>pgrep pidwait:>pgrep pmap:39408 pwdx:18840 slabtop:27120 tload:23096 uptime:14728 vmstat:43408 w:27112 watch:31360 perl5.36-x86_64-linux-gnu:14528 cpan:8470 perldoc:393 python3.11:6831736 python3:>python3.11 pydoc3.11:82 pygettext3.11:24278',
  );
  t.link('/usr/bin/perl', 'perl5.36-x86_64-linux-gnu');
  bins(t, '/usr/sbin', 'sysctl:31264');
  const gitCore =
    'add am annotate apply archive bisect blame branch bundle cat-file check-attr check-ignore check-mailmap check-ref-format checkout cherry cherry-pick clean clone column commit commit-graph commit-tree config count-objects describe diff diff-files diff-index diff-tree fast-export fast-import fetch fetch-pack fmt-merge-msg for-each-ref format-patch fsck gc get-tar-commit-id grep hash-object help index-pack init interpret-trailers log ls-files ls-remote ls-tree mailinfo mailsplit merge merge-base merge-file merge-index merge-tree mktag mktree mv notes pack-objects pack-redundant pack-refs prune prune-packed pull push range-diff read-tree rebase reflog remote repack replace rerere reset restore rev-list rev-parse revert rm send-pack shortlog show show-branch show-ref sparse-checkout stash status stripspace switch symbolic-ref tag unpack-file unpack-objects update-index update-ref verify-commit verify-pack verify-tag whatchanged worktree write-tree'.split(
      ' ',
    );
  for (const c of gitCore) t.link(`/usr/lib/git-core/git-${c}`, 'git');
  bins(
    t,
    '/usr/lib/git-core',
    'git:3946312 git-http-fetch:1752760 git-http-push:1768312 git-remote-http:1768312 git-remote-https:>git-remote-http git-remote-ftp:>git-remote-http git-imap-send:1758264 git-daemon:1699608 git-sh-i18n--envsubst:1585208 git-credential-cache:1637176 git-credential-store:1633080 git-submodule:11064 git-sh-setup:9100 git-sh-i18n:1712 git-mergetool:11888 git-web--browse:4398 git-filter-branch:15903 git-request-pull:4203 git-quiltimport:3708 git-instaweb:17037',
  );
  blobs(
    t,
    '/usr/share/git-core/templates',
    'description:73 info/exclude:240 hooks/applypatch-msg.sample:478 hooks/commit-msg.sample:896 hooks/post-update.sample:189 hooks/pre-commit.sample:1643 hooks/pre-push.sample:1374 hooks/pre-rebase.sample:4898 hooks/prepare-commit-msg.sample:1492 hooks/update.sample:3650',
  );
  blobs(
    t,
    L,
    'libperl.so.5.36.0:3955416 libperl.so.5.36>libperl.so.5.36.0 libpython3.11.so.1.0:7453472 libapr-1.so.0.7.2:233296 libaprutil-1.so.0.6.3:191096 libserf-1.so.1.3.0:134944 libutf8proc.so.2.5.0:343360 libproc2.so.0.0.1:95888 libgdbm.so.6.0.0:59016 libgdbm_compat.so.4.0.0:18520 libcurl-gnutls.so.4.8.0:690448 libsvn_client-1.so.1.0.0:411848 libsvn_delta-1.so.1.0.0:100376 libsvn_diff-1.so.1.0.0:154112 libsvn_fs-1.so.1.0.0:51080 libsvn_fs_fs-1.so.1.0.0:313200 libsvn_fs_x-1.so.1.0.0:378232 libsvn_ra-1.so.1.0.0:51512 libsvn_ra_svn-1.so.1.0.0:165568 libsvn_ra_serf-1.so.1.0.0:268768 libsvn_repos-1.so.1.0.0:248312 libsvn_subr-1.so.1.0.0:555736 libsvn_wc-1.so.1.0.0:695896',
  );
  const pyMods =
    'abc argparse ast asyncio base64 bisect calendar codecs collections concurrent configparser contextlib copy csv ctypes dataclasses datetime decimal difflib dis email encodings enum fnmatch functools getopt gettext glob gzip hashlib heapq hmac html http importlib inspect io ipaddress json locale logging lzma mimetypes multiprocessing ntpath numbers operator optparse os pathlib pickle platform posixpath pprint queue random re selectors shlex shutil signal site socket sqlite3 ssl stat string struct subprocess tarfile tempfile textwrap threading tokenize traceback types typing unittest urllib uuid warnings weakref xml zipfile'.split(
      ' ',
    );
  for (const m of pyMods) t.blob(`/usr/lib/python3.11/${m}.py`, 28_000);
  for (const m of 'ancestor bdiff branchmap bundle2 changegroup changelog cmdutil commands context copies dagop debugcommands destutil diffutil dirstate discovery dispatch encoding error exchange extensions filelog filemerge fileset formatter graphmod hbisect help hg hook httppeer i18n localrepo lock logcmdutil mail manifest match mdiff merge mergestate minirst namespaces node obsolete patch pathutil phases policy progress pure/base85 pure/bdiff pure/mpatch pure/osutil pure/parsers pushkey pvec rcutil registrar repair repoview revlog revset revsetlang scmutil server setdiscovery smartset sparse sshpeer sslutil statichttprepo store streamclone subrepo tags templatefilters templatekw templater transaction treediscovery ui unionrepo url util verify vfs wireprotov1peer wireprotov1server worker'.split(
    ' ',
  )) {
    t.blob(`/usr/lib/python3/dist-packages/mercurial/${m}.py`, 60_000);
  }
  for (const m of 'strict warnings Carp Exporter File/Spec File/Temp Getopt/Long IO/Socket/IP List/Util POSIX Pod/Usage Storable Text/Balanced Time/Local Term/ANSIColor CPAN Test/More Module/CoreList ExtUtils/MakeMaker Encode'.split(
    ' ',
  )) {
    t.blob(`/usr/share/perl/5.36.0/${m}.pm`, 300_000);
  }
  t.link('/usr/share/perl/5.36', '5.36.0');
  blobs(t, '/usr/share/perl5', 'Git.pm:47000 Git/I18N.pm:2800 Error.pm:26000');
  blobs(
    t,
    '/usr/share/man/man1',
    'git.1.gz:22000 ssh.1.gz:17000 svn.1.gz:1400 hg.1.gz:32000 ps.1.gz:19000 top.1.gz:29000',
  );
  blobs(t, '/etc/ssh', 'ssh_config:1650');
  t.dir('/etc/ssh/ssh_config.d');
  blobs(t, '/etc/sysctl.d', 'README.sysctl:798');
  t.blob('/etc/perl/Net/libnet.cfg', 200);
  t.blob('/etc/python3.11/sitecustomize.py', 155);
  t.blob('/etc/mercurial/hgrc', 91);
  t.blob('/etc/subversion/config', 9_000);
}

function buildFiles(t: TreeBuilder): void {
  bins(
    t,
    '/usr/bin',
    'x86_64-linux-gnu-gcc-12:1281888 x86_64-linux-gnu-g++-12:1286016 x86_64-linux-gnu-cpp-12:1281888 gcc-12:>x86_64-linux-gnu-gcc-12 g++-12:>x86_64-linux-gnu-g++-12 cpp-12:>x86_64-linux-gnu-cpp-12 gcc:>gcc-12 g++:>g++-12 cpp:>cpp-12 cc:>/etc/alternatives/cc c++:>/etc/alternatives/c++ x86_64-linux-gnu-ld.bfd:1868392 x86_64-linux-gnu-ld.gold:2682400 x86_64-linux-gnu-as:895472 x86_64-linux-gnu-ar:55400 x86_64-linux-gnu-nm:51304 x86_64-linux-gnu-objcopy:178360 x86_64-linux-gnu-objdump:424144 x86_64-linux-gnu-readelf:787424 x86_64-linux-gnu-strip:178360 x86_64-linux-gnu-ranlib:55400 x86_64-linux-gnu-size:34856 x86_64-linux-gnu-strings:34928 ld:>x86_64-linux-gnu-ld as:>x86_64-linux-gnu-as ar:>x86_64-linux-gnu-ar nm:>x86_64-linux-gnu-nm objdump:>x86_64-linux-gnu-objdump readelf:>x86_64-linux-gnu-readelf strip:>x86_64-linux-gnu-strip x86_64-linux-gnu-ld:>x86_64-linux-gnu-ld.bfd make:248712 m4:219912 autoconf:14980 autoheader:11936 autoreconf:22632 automake-1.16:270000 automake:>automake-1.16 aclocal-1.16:40000 aclocal:>aclocal-1.16 libtoolize:130000 libtool:357000 pkgconf:32512 pkg-config:>pkgconf file:27248 patch:199224 unzip:178592 xz:84464 unxz:>xz xzcat:>xz bzip2:39144 bunzip2:>bzip2 bzcat:>bzip2 dpkg-architecture:15042 dpkg-buildpackage:33134 dpkg-source:23932 mysql_config:8000 pg_config:35000 icuinfo:18000 glib-compile-resources:70000 gdbus-codegen:600 convert-im6.q16:14520 identify-im6.q16:14520 magick-script-im6.q16:14520 xml2-config:1800 xslt-config:1800',
  );
  t.link('/etc/alternatives/cc', '/usr/bin/gcc');
  t.link('/etc/alternatives/c++', '/usr/bin/g++');
  const GCC = '/usr/libexec/gcc/x86_64-linux-gnu/12';
  bins(
    t,
    GCC,
    'cc1:33873160 cc1plus:36347912 lto1:31815240 collect2:657264 lto-wrapper:1362848 liblto_plugin.so:76472 g++-mapper-server:1212144',
  );
  blobs(
    t,
    '/usr/lib/gcc/x86_64-linux-gnu/12',
    'libgcc.a:4867088 libgcc_eh.a:357790 libstdc++.a:6425014 libstdc++fs.a:1120380 libsupc++.a:810598 libgomp.a:425000 libasan.a:8320000 libtsan.a:9690000 libubsan.a:1610000 liblsan.a:2550000 libhwasan.a:3570000 libquadmath.a:450000 libatomic.a:80000 libitm.a:180000 crtbegin.o:3240 crtbeginS.o:3656 crtbeginT.o:3560 crtend.o:1248 crtendS.o:1248 libgcc_s.so:132 libstdc++.so>../../../x86_64-linux-gnu/libstdc++.so.6',
  );
  for (const h of 'algorithm any array atomic bitset chrono complex concepts condition_variable deque exception filesystem format forward_list fstream functional future initializer_list iomanip ios iosfwd iostream istream iterator limits list locale map memory mutex new numeric optional ostream queue random ranges ratio regex set span sstream stack stdexcept string string_view system_error thread tuple type_traits typeinfo unordered_map unordered_set utility valarray variant vector bits/stl_algo.h bits/stl_vector.h bits/basic_string.h bits/c++config.h'.split(
    ' ',
  )) {
    t.blob(`/usr/include/c++/12/${h}`, 60_000);
  }
  for (const h of 'assert.h ctype.h dirent.h dlfcn.h errno.h fcntl.h float.h getopt.h glob.h grp.h iconv.h inttypes.h langinfo.h libgen.h limits.h locale.h malloc.h math.h netdb.h poll.h pthread.h pwd.h regex.h sched.h search.h semaphore.h setjmp.h signal.h spawn.h stdint.h stdio.h stdlib.h string.h strings.h syslog.h termios.h time.h uchar.h unistd.h utime.h wchar.h wctype.h zlib.h zconf.h bzlib.h lzma.h ffi.h sqlite3.h readline/readline.h ncurses.h curses.h expat.h gdbm.h db.h uuid/uuid.h openssl/ssl.h openssl/crypto.h openssl/evp.h openssl/err.h openssl/x509.h curl/curl.h yaml.h libxml2/libxml/parser.h libxml2/libxml/tree.h libxslt/xslt.h glib-2.0/glib.h glib-2.0/gio/gio.h ImageMagick-6/magick/MagickCore.h mariadb/mysql.h postgresql/libpq-fe.h krb5.h event2/event.h png.h jpeglib.h webp/decode.h tiff.h'.split(
    ' ',
  )) {
    t.blob(`/usr/include/${h}`, 25_000);
  }
  for (const h of 'sys/types.h sys/stat.h sys/socket.h sys/wait.h sys/time.h sys/mman.h sys/ioctl.h sys/select.h sys/uio.h sys/un.h bits/types.h bits/stdio.h gnu/stubs.h'.split(
    ' ',
  ))
    t.blob(`/usr/include/x86_64-linux-gnu/${h}`, 12_000);
  for (const h of 'fs.h types.h sched.h signal.h socket.h stat.h limits.h capability.h netlink.h if.h in.h ip.h tcp.h futex.h'.split(
    ' ',
  ))
    t.blob(`/usr/include/linux/${h}`, 16_000);
  blobs(
    t,
    L,
    'libc.a:6114370 libm.a:3720000 libcrypto.a:9130000 libssl.a:1420000 libcurl.a:1350000 libsqlite3.a:2370000 libxml2.a:3600000 libz.a:137000 libbz2.a:82000 liblzma.a:240000 libffi.a:60000 libreadline.a:590000 libncursesw.a:560000 libgmp.a:1080000 libyaml.a:310000 libevent.a:1190000 libpng16.a:380000 libjpeg.a:640000 libwebp.a:1020000 libtiff.a:1160000 libdb-5.3.a:3370000 libgdbm.a:130000 libmariadb.a:980000 libpq.a:620000 libkrb5.a:1900000 libicuuc.a:3500000 libicui18n.a:6600000 libicudata.a:31000000 libMagickCore-6.Q16.a:13000000 libMagickWand-6.Q16.a:4400000 libglib-2.0.a:3200000 libgio-2.0.a:6300000',
  );
  blobs(
    t,
    L,
    'libicudata.so.72.1:30736672 libicudata.so.72>libicudata.so.72.1 libicui18n.so.72.1:3393264 libicuuc.so.72.1:2070056 libicuio.so.72.1:59840 libxml2.so.2.9.14:1914280 libxml2.so.2>libxml2.so.2.9.14 libxslt.so.1.1.35:251952 libexslt.so.0.8.20:85592 libMagickCore-6.Q16.so.6.0.0:4171192 libMagickWand-6.Q16.so.6.0.0:1456584 libglib-2.0.so.0.7400.6:1322208 libgio-2.0.so.0.7400.6:1943096 libgobject-2.0.so.0.7400.6:375840 libgmodule-2.0.so.0.7400.6:18888 libgirepository-2.0.so.0:300000 libcairo.so.2.11600.0:1332296 libfreetype.so.6.18.3:794296 libfontconfig.so.1.12.0:296016 libpixman-1.so.0.42.2:710648 libX11.so.6.4.0:1338168 libxcb.so.1.1.0:166760 libXext.so.6.4.0:80088 libXau.so.6.0.0:14544 libXdmcp.so.6.0.0:26936 libjpeg.so.62.3.0:428200 libpng16.so.16.39.0:219520 libtiff.so.6.0.0:540968 libwebp.so.7.1.5:493824 libopenjp2.so.2.5.0:371536 liblcms2.so.2.0.14:424400 libfftw3.so.3.6.10:1740080 liblqr-1.so.0.3.2:72232 librsvg-2.so.2.48.0:6431304 libmariadb.so.3:406416 libpq.so.5.16:323776 libgomp.so.1.0.0:305616 libasan.so.8.0.0:1653552 libtsan.so.2.0.0:2167440 libubsan.so.1.0.0:515320 liblsan.so.0.0.0:479456 libhwasan.so.0.0.0:664112 libitm.so.1.0.0:118080 libquadmath.so.0.0.0:282656 libatomic.so.1.2.0:30712 libisl.so.23.2.0:2286464 libmpfr.so.6.2.0:563248 libmpc.so.3.3.1:118432 libbfd-2.40-system.so:1682968 libopcodes-2.40-system.so:1162888 libctf.so.0.0.0:153600 libgprofng.so.0.0.0:1200000 libsframe.so.0.0.0:30000 libmagic.so.1.0.0:153480 libmaxminddb.so.0.0.7:31000 libevent-2.1.so.7.0.1:271496 libyaml-0.so.2.0.9:137000 libdeflate.so.0:96000 libjbig.so.0:60000',
  );
  blobs(t, '/usr/lib/file', 'magic.mgc:7491216');
  blobs(
    t,
    `${L}/ImageMagick-6.9.11/modules-Q16/coders`,
    'png.so:80000 jpeg.so:60000 gif.so:50000 svg.so:100000 tiff.so:120000 webp.so:50000 pdf.so:40000 ps.so:50000 bmp.so:40000 ico.so:30000',
  );
  blobs(
    t,
    '/usr/share/fonts/truetype/dejavu',
    'DejaVuSans.ttf:757076 DejaVuSans-Bold.ttf:705684 DejaVuSansMono.ttf:340712 DejaVuSansMono-Bold.ttf:331992 DejaVuSerif.ttf:379740 DejaVuSerif-Bold.ttf:355692',
  );
  blobs(t, '/usr/share/mime/packages', 'freedesktop.org.xml:2680000');
  blobs(t, '/usr/share/glib-2.0/schemas', 'gschemas.compiled:700');
  blobs(
    t,
    '/usr/share/autoconf/autoconf',
    'autoconf.m4f:390000 general.m4:110000 programs.m4:33000 status.m4:60000',
  );
  blobs(t, '/usr/share/aclocal', 'libtool.m4:310000 ltoptions.m4:12000 pkg.m4:12000 glib-2.0.m4:9000');
  blobs(t, '/usr/share/doc/ImageMagick-6', 'index.html:40000');
  blobs(
    t,
    '/usr/share/man/man1',
    'gcc-12.1.gz:280000 g++-12.1.gz:300000 make.1.gz:8000 ld.1.gz:30000 as.1.gz:40000 objdump.1.gz:12000 autoconf.1.gz:2000 convert-im6.q16.1.gz:4000',
  );
}

const BASE = BASE_PACKAGES;
const SCRIPT_CURL =
  'set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\tsq \t\twget \t; \trm -rf /var/lib/apt/lists/*';
const SCRIPT_SCM =
  'set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgit \t\tmercurial \t\topenssh-client \t\tsubversion \t\t\t\tprocps \t; \trm -rf /var/lib/apt/lists/*';
const SCRIPT_BUILD =
  'set -ex; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tautoconf \t\tautomake \t\tbzip2 \t\tdefault-libmysqlclient-dev \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\timagemagick \t\tlibbz2-dev \t\tlibc6-dev \t\tlibcurl4-openssl-dev \t\tlibdb-dev \t\tlibevent-dev \t\tlibffi-dev \t\tlibgdbm-dev \t\tlibglib2.0-dev \t\tlibgmp-dev \t\tlibjpeg-dev \t\tlibkrb5-dev \t\tliblzma-dev \t\tlibmagickcore-dev \t\tlibmagickwand-dev \t\tlibmaxminddb-dev \t\tlibncurses5-dev \t\tlibncursesw5-dev \t\tlibpng-dev \t\tlibpq-dev \t\tlibreadline-dev \t\tlibsqlite3-dev \t\tlibssl-dev \t\tlibtool \t\tlibwebp-dev \t\tlibxml2-dev \t\tlibxslt-dev \t\tlibyaml-dev \t\tmake \t\tpatch \t\tunzip \t\txz-utils \t\tzlib1g-dev \t; \trm -rf /var/lib/apt/lists/*';

export function buildpackDeps(debian: Recipe): { curl: Recipe; scm: Recipe; full: Recipe } {
  const curl: Recipe = {
    name: 'buildpack-deps:bookworm-curl',
    base: debian,
    steps: [
      df.run(
        CURL_CREATED,
        SCRIPT_CURL,
        lazy(() =>
          aptLayer({
            salt: 'bpd-curl',
            created: CURL_CREATED,
            installed: BASE,
            packages: CURL_PKGS,
            docs: true,
            files: curlFiles,
            size: 39_316_000,
          }),
        ),
        0.42,
      ),
    ],
  };
  const scm: Recipe = {
    name: 'buildpack-deps:bookworm-scm',
    base: curl,
    steps: [
      df.run(
        SCM_CREATED,
        SCRIPT_SCM,
        lazy(() =>
          aptLayer({
            salt: 'bpd-scm',
            created: SCM_CREATED,
            installed: [...BASE, ...CURL_PKGS],
            packages: SCM_PKGS,
            docs: true,
            files: scmFiles,
            size: 70_108_000,
          }),
        ),
        0.37,
      ),
    ],
  };
  const full: Recipe = {
    name: 'buildpack-deps:bookworm',
    base: scm,
    steps: [
      df.run(
        BUILD_CREATED,
        SCRIPT_BUILD,
        lazy(() =>
          aptLayer({
            salt: 'bpd-build',
            created: BUILD_CREATED,
            installed: [...BASE, ...CURL_PKGS, ...SCM_PKGS],
            packages: BUILD_PKGS,
            docs: true,
            files: buildFiles,
            size: 688_137_000,
          }),
        ),
        0.31,
      ),
    ],
  };
  return { curl, scm, full };
}

export const INSTALLED_BUILDPACK = [...BASE, ...CURL_PKGS, ...SCM_PKGS, ...BUILD_PKGS];
