// Birge's module boundaries as one lint rule (docs/architecture.md, "Rules that keep the shape"):
// - a module imports another module only through its index.ts (a schema.ts may import another
//   module's schema.ts for a foreign key: the one documented exception);
// - core never imports a module (its tests may, through the module's index.ts);
// - callers (routes, components, the web layer, scripts, bench, the bot) import modules only through
//   their index.ts (the schema barrel in db/schema.ts is the one exception);
// - UI (Svelte components and client code) imports nothing under src/lib/server but `import type`
//   from a module's index.ts.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC_LIB = path.join(ROOT, 'src', 'lib');
const MODULES = path.join(SRC_LIB, 'server', 'modules');
const CORE = path.join(SRC_LIB, 'server', 'core');
const SERVER = path.join(SRC_LIB, 'server');

/** The absolute path an import specifier points at, or null for a package. */
function resolve(specifier, fromFile) {
	if (specifier.startsWith('#lib/')) return path.join(SRC_LIB, specifier.slice('#lib/'.length));
	if (specifier.startsWith('.')) return path.resolve(path.dirname(fromFile), specifier);
	return null;
}

const strip = (p) => p.replace(/\.(ts|js|svelte)$/, '');

/** `{ module, rest }` for a path inside src/lib/server/modules/<module>/..., else null. */
function moduleOf(p) {
	const rel = path.relative(MODULES, p);
	if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
	const [module, ...rest] = rel.split(path.sep);
	return { module, rest: strip(rest.join('/')) };
}

const inside = (dir, p) => {
	const rel = path.relative(dir, p);
	return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

export const boundaries = {
	meta: {
		type: 'problem',
		docs: { description: 'Modules, core and callers reach a module only through its index.ts' },
		schema: []
	},
	create(context) {
		const file = context.filename;
		const own = moduleOf(file);
		const isUi = file.endsWith('.svelte') || inside(path.join(SRC_LIB, 'components'), file);
		const isSchemaBarrel = file === path.join(SERVER, 'db', 'schema.ts');
		const isSchemaFile = path.basename(file) === 'schema.ts';
		const isSpec = /\.spec\.ts$/.test(file);

		function check(node, specifier, typeOnly) {
			const target = resolve(specifier, file);
			if (!target) return;
			const to = moduleOf(target);
			const toIndex = to && (to.rest === '' || to.rest === 'index');
			if (isUi && inside(SERVER, target)) {
				if (!(toIndex && typeOnly))
					context.report({
						node,
						message: `UI code may only \`import type\` from a module's index.ts, not '${specifier}'.`
					});
				return;
			}
			// Core's own tests may exercise modules (indicators registered by each); its code may not.
			if (inside(CORE, file) && to && !isSpec) {
				context.report({ node, message: `Core never imports a module ('${specifier}').` });
				return;
			}
			if (!to || toIndex) return;
			if (own && own.module === to.module) return;
			if (to.rest === 'schema' && (isSchemaFile || isSchemaBarrel)) return;
			context.report({
				node,
				message: own
					? `Module '${own.module}' reaches into '${to.module}/${to.rest}': import '${to.module}' through its index.ts.`
					: `Import the '${to.module}' module through its index.ts, not '${specifier}'.`
			});
		}

		return {
			ImportDeclaration(node) {
				const typeOnly =
					node.importKind === 'type' ||
					(node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
				check(node, node.source.value, typeOnly);
			},
			ExportNamedDeclaration(node) {
				if (node.source) check(node, node.source.value, node.exportKind === 'type');
			},
			ExportAllDeclaration(node) {
				check(node, node.source.value, node.exportKind === 'type');
			},
			ImportExpression(node) {
				if (node.source.type === 'Literal' && typeof node.source.value === 'string')
					check(node, node.source.value, false);
			}
		};
	}
};

export default { rules: { boundaries } };
