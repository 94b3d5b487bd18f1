const { src, dest, parallel } = require('gulp');

/** Copies the SVG icons next to the compiled nodes so that `file:` icon paths resolve in dist/. */
function copyIcons() {
	return src('icons/**/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

/** Copies each node's codex file (categories, aliases, documentation links) next to its compiled node. */
function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:assets'] = parallel(copyIcons, copyCodex);
