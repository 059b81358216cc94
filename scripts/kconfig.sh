#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Resolve the configuration of one build and write what the build reads:
#   $O/include/generated/autoconf.h   #define CONFIG_FOO 1   (C and NASM)
#   $O/include/config/auto.conf       CONFIG_FOO=y          (make)
# from $O/.config (made with the Kconfig defaults when missing) plus the
# CONFIG_FOO=y|n overrides given on the make command line, which win for
# this build only and are not written back to $O/.config. Kconfig itself
# (kconfig-conf --olddefconfig) checks the result, so an override obeys
# the same rules as `make menuconfig`. Outputs are replaced only when they
# change, so an unchanged configuration rebuilds nothing.
#
# usage: kconfig.sh KCONFIG_FILE OUTDIR [CONFIG_FOO=y|n ...]

set -e
kconfig=$1
out=$2
shift 2
command -v kconfig-conf >/dev/null 2>&1 || {
	echo "kconfig.sh: kconfig-conf not found: apt-get install kconfig-frontends-nox" >&2
	exit 1
}
kconfig=$(cd "$(dirname "$kconfig")" && pwd)/$(basename "$kconfig")
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$out/kconfig
mkdir -p "$work/include/config" "$out/include/generated" "$out/include/config"

if [ ! -f "$out/.config" ]; then
	(cd "$work" && KCONFIG_CONFIG="$out/.config" kconfig-conf -s --alldefconfig "$kconfig") >/dev/null
fi

cp "$out/.config" "$work/resolved.config"
for o in "$@"; do
	name=${o%%=*}
	val=${o#*=}
	case "$val" in
	y|n) ;;
	*) echo "kconfig.sh: $name=$val: use y or n" >&2; exit 1 ;;
	esac
	grep -q "^config ${name#CONFIG_}\$" "$kconfig" || {
		echo "kconfig.sh: $name is not an option in Kconfig" >&2; exit 1; }
	sed -i -e "/^$name=/d" -e "/^# $name is not set/d" "$work/resolved.config"
	if [ "$val" = y ]; then echo "$name=y"; else echo "# $name is not set"; fi \
		>> "$work/resolved.config"
done

cd "$work"
KCONFIG_CONFIG=resolved.config kconfig-conf -s --olddefconfig "$kconfig" >/dev/null
KCONFIG_CONFIG=resolved.config KCONFIG_AUTOHEADER=autoconf.h KCONFIG_AUTOCONFIG=auto.conf \
	kconfig-conf -s --silentoldconfig "$kconfig" >/dev/null

# Drop the timestamped banner lines so identical configurations compare equal.
for f in autoconf.h:generated/autoconf.h auto.conf:config/auto.conf; do
	src=${f%%:*}
	dst=$out/include/${f#*:}
	if ! cmp -s "$src" "$dst"; then cp "$src" "$dst"; fi
done
