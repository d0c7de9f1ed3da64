#!/usr/bin/env bash
# Builds the libcurl AgentDeck links: Debian's own curl source (with Debian's patches), configured
# for what we use — HTTP and HTTPS over OpenSSL, HTTP/2 (nghttp2), gzip/deflate — as a static
# library in .deps/libcurl. Debian's libcurl4 is built for every protocol and loads ~20 shared
# libraries we never call (GnuTLS and p11-kit through librtmp, Kerberos, LDAP, SASL, libssh2, IDN,
# PSL…): ~3.5 MB resident in the settled dashboard (BENCHMARKS.md round 10; DECISIONS "libcurl").
# OpenSSL, nghttp2 and zlib stay Debian's shared libraries, so their security updates apply at once.
#
# The Makefile puts .deps/libcurl/lib/pkgconfig first on PKG_CONFIG_PATH, so `make` builds link this
# libcurl; a plain `swift build` (or a machine where this step failed) links the system's libcurl,
# which works the same, with more memory.
#
# Rebuilt when the installed libcurl4-openssl-dev changes (an apt upgrade brings curl's security
# fixes: the source fetched is then the newest the Debian archive has) or this script changes.
# The source comes through apt with a private source list (deb-src lines for this release) in
# .deps/apt-src: the machine's own apt configuration is not touched. apt checks the archive's
# signatures (Signed-By the Debian archive keyring) and the tarball's hashes.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out="$repo/.deps/libcurl"
aptdir="$repo/.deps/apt-src"

say() { echo "build-libcurl: $*"; }
fallback() { say "$* — builds link the system libcurl instead (same behaviour, more memory)"; exit 0; }

[ -r /etc/os-release ] || fallback "no /etc/os-release"
. /etc/os-release
[ "${ID:-}" = debian ] && [ -n "${VERSION_CODENAME:-}" ] || fallback "not a Debian release"
installed=$(dpkg-query -W -f '${Version}' libcurl4-openssl-dev 2>/dev/null) || fallback "libcurl4-openssl-dev is not installed"
stamp="$installed $(sha256sum "$0" | cut -c1-16)"
if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$stamp" ]; then exit 0; fi

say "building a minimal static libcurl from Debian's curl source (~30 s)"
rm -rf "$aptdir"
mkdir -p "$aptdir/lists/partial" "$aptdir/cache/archives/partial" "$aptdir/parts" "$aptdir/src"
: >"$aptdir/none.list"
cat >"$aptdir/parts/debian-src.sources" <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $VERSION_CODENAME $VERSION_CODENAME-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: $VERSION_CODENAME-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
apt_private=(-o "Dir::Etc::SourceList=$aptdir/none.list" -o "Dir::Etc::SourceParts=$aptdir/parts"
             -o "Dir::State::Lists=$aptdir/lists" -o "Dir::Cache=$aptdir/cache" -o "APT::Sandbox::User=root")
apt-get -qq "${apt_private[@]}" update >"$aptdir/update.log" 2>&1 || fallback "apt could not read the Debian source index ($(tail -n 1 "$aptdir/update.log"))"
(cd "$aptdir/src" && apt-get -qq "${apt_private[@]}" source --download-only curl) >"$aptdir/source.log" 2>&1 ||
    fallback "apt could not fetch curl's source ($(tail -n 1 "$aptdir/source.log"))"
dsc=$(ls "$aptdir"/src/curl_*.dsc | head -n 1)
tree="$aptdir/src/tree"
dpkg-source --skip-patches -x "$dsc" "$tree" >/dev/null 2>&1 || fallback "dpkg-source could not unpack $dsc"
# Debian's patches up to the series' marker: the ones after it turn the tree into the GnuTLS and
# NSS flavours.
while read -r patch; do
    case "$patch" in ''|'#'*) continue ;; esac
    patch -d "$tree" -p1 -s <"$tree/debian/patches/$patch" || fallback "Debian's patch $patch did not apply"
done < <(sed '/Do not add patches below/q' "$tree/debian/patches/series")

staging="$aptdir/install"
(
    cd "$tree"
    # What we call (Sources/Wire): HTTP(S) transfers, HTTP/2 over TLS, decoded gzip answers.
    # Debian's CA locations, as its own libcurl has them.
    ./configure --prefix="$staging" --disable-shared --enable-static --with-pic \
        --disable-maintainer-mode --disable-dependency-tracking \
        --with-openssl --with-nghttp2 --with-zlib \
        --with-ca-path=/etc/ssl/certs --with-ca-bundle=/etc/ssl/certs/ca-certificates.crt \
        --without-brotli --without-zstd --without-libpsl --without-libidn2 --without-librtmp \
        --without-libssh2 --without-libssh --without-wolfssh --without-gssapi --without-libgsasl \
        --disable-ldap --disable-ldaps --disable-rtsp --disable-dict --disable-telnet --disable-tftp \
        --disable-pop3 --disable-imap --disable-smb --disable-smtp --disable-gopher --disable-mqtt \
        --disable-ftp --disable-file --disable-manual --disable-ntlm-wb
    make -j"$(nproc)" -C lib
    make -C lib install
    make -C include install
    make install-pkgconfigDATA
) >"$aptdir/build.log" 2>&1 || fallback "curl's build failed (see $aptdir/build.log)"
grep -q 'Protocols:.*HTTPS' "$aptdir/build.log" || fallback "curl was configured without HTTPS"

rm -rf "$out"
mv "$staging" "$out"
# libcurl.pc names its own prefix: point it at the new place. CURL_STATICLIB only matters on
# Windows, and SwiftPM warns about any -D flag a pkg-config file gives.
sed -i -e "s|^prefix=.*|prefix=$out|" -e 's| -DCURL_STATICLIB||' "$out/lib/pkgconfig/libcurl.pc"
echo "$stamp" >"$out/.stamp"
# SwiftPM does not see a library change under a pkg-config path: remove the executables that link
# libcurl, so that the next build links the new one (a security fix must reach the binary).
for dir in .build*/*-unknown-linux-gnu/debug .build*/*-unknown-linux-gnu/release; do
    [ -d "$dir" ] && rm -f "$dir"/agentdeck "$dir"/agentdeck-fleet "$dir"/agentdeck-bench "$dir"/*PackageTests.xctest
done
say "$(basename "$dsc" .dsc) built into .deps/libcurl ($(grep -o "Protocols:.*" "$aptdir/build.log" | tr -s " "))"
