/** core/files: the public surface. */
export { coreFile, FILE_VISIBILITIES, type CoreFile, type FileVisibility } from './schema';
export { directoryStore, s3Store, storeFromConfig, type FileStore, type S3Options } from './store';
export { sniffContentType, extensionOf, KNOWN_TYPES, type KnownType } from './sniff';
export {
	registerReadCheck,
	writeFile,
	insertFiles,
	storeFile,
	removeBytes,
	deleteFile,
	getFile,
	variantsOf,
	isFileId,
	publicUrl,
	fileUrl,
	openFile,
	openPublicFile,
	fileHeaders,
	fileResponse,
	sha256Of,
	type FileAccess,
	type ReadCheck,
	type StoreFileInput,
	type NewFile,
	type OpenedFile
} from './files';
