import type { ModuleDefinition } from '../../core/registry';
import { organizationTexts } from './translations';
import { grantTranslator, listTranslators, revokeTranslator, TRANSLATOR_LOCALES } from './translators';
import {
	createAdmin,
	listMySessions,
	requestPasswordReset,
	resetPassword,
	revokeMyOtherSessions,
	revokeMySession,
	sendPhoneCode,
	signInMethods,
	sessionFromHeaders,
	signInWithEmail,
	signOut,
	signUpWithEmail,
	verifyPhoneCode
} from './service';
import {
	addMemberByEmail,
	createOrganization,
	getOrganizationBySlug,
	grantRole,
	listMembers,
	listOrganizations,
	loadActor,
	myOrganizations,
	removeMember,
	revokeRole,
	setMember
} from './organizations';
import { contactsOf, findUserByEmail, namesOf, organizationsOf } from './directory';
import * as telegram from './telegram';
import * as telegramLogin from './telegram-login';
export type { SessionInfo, WebIo, AuthResult } from './service';
export { fileSender, logSender, memorySender, smtpSender, type Sender } from '../../core';
export { ORGANIZATION_KINDS, type OrganizationKind } from './schema';
export { TRANSLATOR_LOCALES };
import { demoSeed } from './seed';

/**
 * The accounts module's public API: every use case other code may call, by sub-domain. Each takes the
 * service context first and checks access itself.
 */
export const accounts = {
	// sign-up, sign-in, sessions, password reset, phone codes
	signUpWithEmail,
	signInWithEmail,
	signOut,
	sessionFromHeaders,
	listMySessions,
	revokeMySession,
	revokeMyOtherSessions,
	requestPasswordReset,
	resetPassword,
	sendPhoneCode,
	verifyPhoneCode,
	signInMethods,
	createAdmin,
	// organizations, their members, and roles
	loadActor,
	createOrganization,
	listOrganizations,
	getOrganizationBySlug,
	myOrganizations,
	listMembers,
	setMember,
	addMemberByEmail,
	listTranslators,
	grantTranslator,
	revokeTranslator,
	removeMember,
	grantRole,
	revokeRole,
	// what other modules read of accounts (never their tables)
	contactsOf,
	namesOf,
	findUserByEmail,
	organizationsOf,
	// the Telegram link (one-time code on the account page, linking from the bot, unlink on both sides)
	createTelegramCode: telegram.createTelegramCode,
	linkTelegram: telegram.linkTelegram,
	myTelegram: telegram.myTelegram,
	unlinkMyTelegram: telegram.unlinkMyTelegram,
	unlinkTelegramChat: telegram.unlinkTelegramChat,
	telegramActor: telegram.telegramActor,
	telegramChatsOf: telegram.telegramChatsOf,
	telegramRecipientsOf: telegram.telegramRecipientsOf,
	setTelegramChatLocale: telegram.setTelegramChatLocale,
	normaliseLinkCode: telegram.normaliseLinkCode,
	// sign in with Telegram on the web (OpenID Connect), link from the account page, unlink on both sides
	telegramLoginEnabled: telegramLogin.telegramLoginEnabled,
	startTelegramSignIn: telegramLogin.startTelegramSignIn,
	startTelegramLink: telegramLogin.startTelegramLink,
	finishTelegramSignIn: telegramLogin.finishTelegramSignIn,
	myTelegramLogin: telegramLogin.myTelegramLogin,
	unlinkTelegramLogin: telegramLogin.unlinkTelegramLogin
} as const;
export type { Contact } from './directory';

export const accountsModule: ModuleDefinition = {
	name: 'accounts',
	seeds: [demoSeed],
	translatable: [organizationTexts]
};
