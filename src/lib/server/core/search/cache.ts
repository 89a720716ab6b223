/**
 * Values computed from a searched table, kept per database handle for one version of the table (a
 * counter a statement trigger bumps on every write, from any process: see programs_version): a cached
 * value is never stale, and the version costs one small read. The oldest entries go first when the
 * cache is full.
 */
export class VersionedCache<T> {
	private readonly byDb = new WeakMap<object, Map<string, { version: number; value: T }>>();
	constructor(private readonly entries: number) {}

	get(db: object, key: string, version: number): T | undefined {
		const hit = this.byDb.get(db)?.get(key);
		return hit && hit.version === version ? hit.value : undefined;
	}

	/** Keeps a value for this version; a negative version (no version row) keeps nothing. */
	set(db: object, key: string, version: number, value: T): void {
		if (version < 0) return;
		let map = this.byDb.get(db);
		if (!map) this.byDb.set(db, (map = new Map()));
		map.delete(key);
		if (map.size >= this.entries) map.delete(map.keys().next().value!);
		map.set(key, { version, value });
	}
}
