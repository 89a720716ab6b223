export * from './locales';
export * from './messages';
export * from './format';
export { pluralCategory } from './plural';
