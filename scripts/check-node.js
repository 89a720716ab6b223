// Fails unless npm scripts run on the project's Node 24 (the `node` dev dependency puts it first on
// PATH). If it is missing, `npm install` skipped the `node` package's install script.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
	console.error(
		`Birge needs Node 24 (found ${process.versions.node}). Run "npm install" without --ignore-scripts, ` +
			'so node_modules/.bin/node is Node 24, and start Birge with "npm start".'
	);
	process.exit(1);
}
