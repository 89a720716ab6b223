import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import birge from './eslint/boundaries.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'drizzle/meta/', 'bench/.out/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// Links are plain <a href> by design: pages ship no client router (csr = false).
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// Module boundaries (eslint/boundaries.js): through index.ts only; core imports no module.
		files: ['src/**/*.{ts,js,svelte}', 'scripts/**/*.{ts,js}', 'bench/**/*.{ts,js}'],
		plugins: { birge },
		rules: { 'birge/boundaries': 'error' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser } }
	},
	{
		// Modules run outside SvelteKit too (bot, CLI, jobs, tests): no framework imports.
		files: ['src/lib/server/modules/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$app/*', '$app'],
							message: 'Modules must not import $app/*: they run outside SvelteKit.'
						},
						{
							group: ['$env/*', '$env'],
							message: 'Modules must not import $env/*: use src/lib/server/config.ts.'
						},
						{
							group: ['@sveltejs/kit', '@sveltejs/kit/*'],
							message: 'Modules must not import @sveltejs/kit: throw AppError instead.'
						}
					]
				}
			]
		}
	}
);
