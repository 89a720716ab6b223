import type { ModuleDefinition } from '../../core/registry';
import * as service from './service';
import * as organizations from './organizations';
import * as directory from './directory';
export type { SessionInfo, WebIo, AuthResult } from './service';
export { fileSender, logSender, memorySender, smtpSender, type Sender } from '../../core';
export { ORGANIZATION_KINDS, type OrganizationKind } from './schema';
import { demoSeed } from './seed';

/** The accounts module's public API. */
export const accounts = { ...service, ...organizations, ...directory };
export type { Contact } from './directory';

export const accountsModule: ModuleDefinition = { name: 'accounts', seeds: [demoSeed] };
