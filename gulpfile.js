const { src, dest } = require('gulp');

/** Copies the SVG icons next to the compiled nodes so that `file:` icon paths resolve in dist/. */
function copyIcons() {
	return src('icons/**/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

exports['build:icons'] = copyIcons;
