import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	build: {
		// The shared stylesheet and scripts (src/lib/asset-urls.ts) are always files of their own, never
		// data: URLs (the CSP allows scripts from 'self' only, and a file is cached for a year).
		assetsInlineLimit: (file) => (file.includes('/src/lib/assets/') ? false : undefined)
	},
	plugins: [
		sveltekit({
			adapter: adapter({ precompress: true }),
			// Absolute asset URLs: pages are served from many depths and must never break their CSS.
			paths: { relative: false },
			// Every page is server-rendered and works without JavaScript; the few progressive
			// enhancements are small scripts (src/lib/assets/js, served under hashed names; see src/lib/asset-urls.ts).
			csp: {
				mode: 'nonce',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					'style-src': ['self'],
					'img-src': ['self', 'data:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					'form-action': ['self'],
					'frame-ancestors': ['none'],
					'object-src': ['none'],
					'base-uri': ['none']
				}
			}
		})
	]
});
