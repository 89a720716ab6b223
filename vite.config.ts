import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		sveltekit({
			adapter: adapter({ precompress: true }),
			// Absolute asset URLs: pages are served from many depths and must never break their CSS.
			paths: { relative: false },
			// Every page is server-rendered and works without JavaScript; the few progressive
			// enhancements are small static scripts (static/js). See README "Architecture".
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
