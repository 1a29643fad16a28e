#!/bin/sh
# js2c.sh NAME IN OUT: embeds a JavaScript file as a NUL-terminated C array
# `js_NAME` (and `js_NAME_len`, without the NUL), so the host needs no files
# at run time.
set -e
name=$1; in=$2; out=$3
{
	echo "/* generated from $in by js2c.sh; do not edit */"
	echo "static const char js_${name}[] = {"
	od -An -v -tx1 "$in" | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/\t/'
	echo "	0x00 };"
	echo "static const unsigned long js_${name}_len = sizeof(js_${name}) - 1;"
} > "$out.tmp"
mv "$out.tmp" "$out"
