import type { ModuleDefinition } from '../registry';
import { indicatorSnapshotJob } from '../indicators';
import type { AnyJob } from './index';

/** Every job a process runs: each module's, and the platform's own that need the module list. */
export function moduleJobs(modules: readonly ModuleDefinition[]): AnyJob[] {
	return [...modules.flatMap((m) => m.jobs ?? []), indicatorSnapshotJob(modules)];
}
