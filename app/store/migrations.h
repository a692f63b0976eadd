/* The numbered SQL migrations of schema/, embedded at build time by schema/embed.cmake. */
#ifndef DC_STORE_MIGRATIONS_H
#define DC_STORE_MIGRATIONS_H

typedef struct {
    int version;
    const char *name;
    const char *sql;
} dc_migration_t;

extern const dc_migration_t dc_migrations[];
extern const int dc_migration_count;

#endif
