/** A missing or malformed variable; its message is one line naming it. */
export class ConfigError extends Error {}
