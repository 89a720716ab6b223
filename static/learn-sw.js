// Birge learning service worker. Registered only by the learning pages, with the scope
// /{locale}/learn/: it never sees /care or any other page. It keeps nothing by itself: the course page
// puts a course pack into the cache on request ("Download") and deletes it ("Remove download").
// Online, every request goes to the network as usual; offline, a downloaded course's pages are
// answered from its pack (/{locale}/learn/{course}/offline). Quick exit (/exit) clears the caches,
// this worker and the unsent progress with Clear-Site-Data.
'use strict';

self.addEventListener('install', function () {
	self.skipWaiting();
});

self.addEventListener('activate', function (event) {
	event.waitUntil(self.clients.claim());
});

var COURSE = /^\/([a-z]{2})\/learn\/([a-z0-9][a-z0-9-]*)(\/|$)/;

function fromCache(request) {
	var url = new URL(request.url);
	return caches.match(request, { ignoreVary: true }).then(function (hit) {
		if (hit) return hit;
		var m = COURSE.exec(url.pathname);
		if (!m || request.mode !== 'navigate') return Response.error();
		var pack = '/' + m[1] + '/learn/' + m[2] + '/offline';
		return caches.match(pack, { ignoreVary: true }).then(function (packed) {
			if (!packed) return Response.error();
			var lesson = url.pathname.split('/')[4];
			// A lesson page: the pack, at that lesson.
			return lesson && lesson !== 'offline' ? Response.redirect(pack + '#' + lesson, 303) : packed;
		});
	});
}

self.addEventListener('fetch', function (event) {
	var request = event.request;
	if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
	event.respondWith(
		fetch(request).catch(function () {
			return fromCache(request);
		})
	);
});
