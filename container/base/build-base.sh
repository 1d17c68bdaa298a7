#!/usr/bin/env bash
# Builds the jqperf base image: a minimal Debian 12 rootfs (glibc, libstdc++, zlib, netbase, base-files,
# CA bundle, dash) plus a jlinked Java 17 runtime, exported as a docker-archive tar that Jib uses as its
# base (-Djib.from.image=tar://...). No Docker engine and no registry are involved.
#
# Needs (Debian 12, as root): apt lists (apt-get update), dpkg-deb, JDK 17 with jmods (openjdk-17-jdk-headless),
# binutils (strip), umoci and skopeo (apt-get install -y binutils umoci skopeo).
#
# Usage: build-base.sh [OUT_DIR]        (default: container/target/base)
#   FORCE=1            rebuild even if OUT_DIR/jqperf-base.tar is up to date
#   JAVA_HOME          JDK 17 with jmods/ (default: /usr/lib/jvm/java-17-openjdk-amd64)
#   SOURCE_DATE_EPOCH  timestamp given to every file and to the image config (default: 0)
#   JQPERF_JLINK_MODULES, JQPERF_BASE_EXTRA_PACKAGES  other modules / more Debian packages (the runner image)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../target/base}
mkdir -p "$out"
out=$(cd "$out" && pwd)
java_home=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
epoch=${SOURCE_DATE_EPOCH:-0}
tar_out=$out/jqperf-base.tar

# Debian packages that make up the rootfs. libstdc++6 and libgcc-s1 because Debian's libjvm.so links them;
# zlib1g for libzip; netbase for /etc/services and /etc/protocols; base-files for /etc/os-release;
# ca-certificates for the CA bundle; dash so the launcher can be a two-line shell script.
packages=(libc6 libgcc-s1 libstdc++6 zlib1g netbase base-files ca-certificates dash)
# JQPERF_BASE_EXTRA_PACKAGES adds more (the runner image: fonts and the libraries of java.desktop's font code).
# shellcheck disable=SC2206  # a space-separated list of package names
packages+=(${JQPERF_BASE_EXTRA_PACKAGES:-})
# Modules the shaded jqperf jar needs (jdeps over Netty, OSHI, JNA, HdrHistogram, picocli; java.desktop is
# referenced only by JNA's Windows/AWT helpers). jdk.jfr: Netty 4.2 emits JFR events when the module exists.
modules=${JQPERF_JLINK_MODULES:-java.base,java.logging,java.management,jdk.management,jdk.unsupported,jdk.jfr}

inputs_hash=$( { cat "$0"; echo "$modules" "${packages[*]}" "$epoch"; "$java_home/bin/java" -version 2>&1; } | sha256sum | cut -c1-16)
if [[ -z "${FORCE:-}" && -f "$tar_out" && "$(cat "$out/inputs.sha" 2>/dev/null)" == "$inputs_hash" ]]; then
  echo "build-base: $tar_out is up to date ($inputs_hash)"
  exit 0
fi

for tool in apt-get dpkg-deb strip umoci skopeo "$java_home/bin/jlink"; do
  command -v "$tool" >/dev/null || { echo "build-base: missing $tool" >&2; exit 1; }
done
[[ -d "$java_home/jmods" ]] || { echo "build-base: $java_home has no jmods/ (install openjdk-17-jdk-headless)" >&2; exit 1; }

work=$out/work
rm -rf "$work" "$tar_out"
mkdir -p "$work/debs" "$work/rootfs"
rootfs=$work/rootfs

echo "build-base: downloading ${packages[*]}"
# apt-get download writes into the current directory; as root it warns that _apt cannot write there.
(cd "$work/debs" && apt-get download -q "${packages[@]}" 2>&1 | grep -v 'unsandboxed' || true)
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$rootfs"
  dpkg-deb -f "$deb" Package Version | paste -sd' ' >> "$work/packages.txt"
done
[[ $(wc -l < "$work/packages.txt") -eq ${#packages[@]} ]] || { echo "build-base: a package download failed" >&2; cat "$work/packages.txt" >&2; exit 1; }

# Nothing at run time reads docs, man pages, locales, iconv modules or the package tooling's helpers.
rm -rf "$rootfs"/usr/share/{doc,man,info,locale,lintian,doc-base,common-licenses,bug,menu} \
       "$rootfs"/usr/lib/x86_64-linux-gnu/gconv "$rootfs"/usr/libexec "$rootfs"/usr/sbin/update-ca-certificates \
       "$rootfs"/etc/ca-certificates "$rootfs"/usr/share/ca-certificates-java
# What update-ca-certificates would do, without running maintainer scripts.
mkdir -p "$rootfs/etc/ssl/certs"
find "$rootfs/usr/share/ca-certificates" -name '*.crt' | LC_ALL=C sort | xargs cat > "$rootfs/etc/ssl/certs/ca-certificates.crt"
rm -rf "$rootfs/usr/share/ca-certificates"
ln -sf /bin/dash "$rootfs/bin/sh"

# Users: the image runs as jqperf (10001); root exists only so tools that look up uid 0 do not fail.
cat > "$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/usr/sbin/nologin
jqperf:x:10001:10001:jqperf:/tmp:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
PASSWD
cat > "$rootfs/etc/group" <<'GROUP'
root:x:0:
jqperf:x:10001:
nogroup:x:65534:
GROUP
printf 'passwd: files\ngroup: files\nhosts: files dns\nservices: files\nprotocols: files\n' > "$rootfs/etc/nsswitch.conf"
mkdir -p "$rootfs/tmp" "$rootfs/root" "$rootfs/opt/jqperf" "$rootfs/usr/local/bin"
chmod 1777 "$rootfs/tmp"
chmod 700 "$rootfs/root"
# The launcher itself comes with the application layer (container/src/main/jib/usr/local/bin/jqperf);
# this symlink makes the image answer to qperf's command name as well.
ln -sf jqperf "$rootfs/usr/local/bin/qperf"

echo "build-base: jlink $modules"
# --compress=2 halves lib/modules (23 -> 11 MB); the classes needed at start come from the CDS archive anyway.
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --generate-cds-archive --output "$rootfs/opt/java"
# Debian ships libjvm.so with its symbol table (24 -> 20 MB stripped). The no-compressed-oops CDS archive is
# only used with heaps over 32 GB, which this tool never asks for (11 MB).
find "$rootfs/opt/java" -name '*.so' -exec strip --strip-unneeded {} +
rm -f "$rootfs/opt/java/lib/server/classes_nocoops.jsa"
cp "$work/packages.txt" "$rootfs/opt/jqperf/base-packages.txt"
"$rootfs/opt/java/bin/java" -version 2>&1 | head -1 >> "$rootfs/opt/jqperf/base-packages.txt"

# Same timestamps on every build, so the layer only changes when its content does.
find "$rootfs" -exec touch -h -d "@$epoch" {} +

echo "build-base: assembling OCI image"
created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
umoci init --layout "$work/oci"
umoci new --image "$work/oci:base"
umoci insert --image "$work/oci:base" --history.created "$created" \
  --history.created_by "container/base/build-base.sh" "$rootfs" /
umoci config --image "$work/oci:base" --no-history --created "$created" \
  --config.user 10001:10001 --config.workingdir /tmp \
  --config.env PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.env JAVA_HOME=/opt/java --config.env LANG=C.UTF-8
skopeo copy -q "oci:$work/oci:base" "docker-archive:$tar_out:localhost/jqperf-base:latest"
echo "$inputs_hash" > "$out/inputs.sha"
rm -rf "$work/oci" "$work/debs"
echo "build-base: wrote $tar_out ($(du -h "$tar_out" | cut -f1), rootfs $(du -sh "$rootfs" | cut -f1))"
