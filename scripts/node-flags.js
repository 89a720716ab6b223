// V8 flags for the web server, shared by `npm start` (package.json passes them to node), the
// end-to-end harness and the benchmarks, so that what is measured is what runs.
//
// --max-semi-space-size=2 (MB): Node 24 lets the young generation grow to about 190 MB during the
// start-up seeding and never gives it back; with 2 MB semi-spaces a PostgreSQL-backed process rests
// at about 160 MB instead of 300, and a PGlite process at about 300 instead of 440 after a restart
// (bench/soak prints the figures). Throughput of rendered pages was the same within the noise.
export const NODE_FLAGS = ['--max-semi-space-size=2'];

// MALLOC_ARENA_MAX=2: glibc gives each thread that allocates (libuv's pool doing zlib and crypto,
// sharp's libvips threads, PGlite's WASM memory growth) its own malloc arena, up to 8 per core, and
// those arenas keep their freed pages. With two arenas a PostgreSQL-backed process under the same soak
// ended at 333 MB instead of 456 MB (both overloaded, at load 10; bench/soak). It must be in the
// environment when the process starts, so `npm start` sets it before node, and the harness and the
// benchmarks pass it to the servers they spawn. Other C libraries ignore it.
export const NODE_ENV_VARS = { MALLOC_ARENA_MAX: '2' };
