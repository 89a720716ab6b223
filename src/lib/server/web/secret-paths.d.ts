export declare const SECRET_PATHS: readonly { pattern: RegExp; shown: string }[];
export declare function loggablePath(raw: string): string;
