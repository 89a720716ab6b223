// V8 flags for the web server, shared by `npm start` (package.json passes them to node), the
// end-to-end harness and the benchmarks, so that what is measured is what runs.
//
// --max-semi-space-size=2 (MB): Node 24 lets the young generation grow to about 190 MB during the
// start-up seeding and never gives it back; with 2 MB semi-spaces a PostgreSQL-backed process rests
// at about 160 MB instead of 300, and a PGlite process at about 300 instead of 440 after a restart
// (bench/soak prints the figures). Throughput of rendered pages was the same within the noise.
export const NODE_FLAGS = ['--max-semi-space-size=2'];
