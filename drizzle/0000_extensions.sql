-- Extensions Birge needs on both engines (PGlite loads pg_trgm as a bundled extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
