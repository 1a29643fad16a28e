# layout.sh - sourced by tests/npm/run-node.sh and tests/e2e/npm_packages.sh:
# npm_layout DIR SCRIPT FIXTURES lays out DIR to run tests/npm's SCRIPT
# (NAME.js or NAME.mjs) as DIR/main.js or DIR/main.mjs, under node and in
# a worker alike.  A .js script's node_modules is FIXTURES/node_modules
# (the registry's pinned packages); Debian's are found on NODE_PATH
# (node) or in /usr/share/nodejs (a worker).  Node's ES modules search
# no NODE_PATH, so a .mjs script's node_modules is a directory of links
# to every package of both, which node must run with --preserve-symlinks
# for the packages' own imports to be found there too.
npm_layout() {
	dir_=$1 script_=$2 fixtures_=$3
	case $script_ in
	*.mjs)
		cp "$script_" "$dir_/main.mjs"
		mkdir "$dir_/node_modules"
		for p_ in /usr/share/nodejs/* "$fixtures_"/node_modules/*; do
			ln -sfn "$p_" "$dir_/node_modules/"
		done ;;
	*)
		cp "$script_" "$dir_/main.js"
		ln -s "$fixtures_/node_modules" "$dir_/node_modules" ;;
	esac
}
