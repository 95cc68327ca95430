// Copies the node and credential icons, the nodes' codex files and their output schemas (`__schema__`, what the
// editor shows of a node's output before it runs) next to the compiled files, where n8n resolves them.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'nodes/**/__schema__/**/*.json', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = buildIcons;
