// MikroORM keeps discovered entity metadata on globalThis. Jest gives each suite fresh module
// instances but the same global, so the next suite would meet stale classes from the last one.
delete (globalThis as Record<string, unknown>)['mikro-orm-metadata'];
