/* bench-data: a benchmark ledger of N events (tests/bench/run), every event through the rules. */
#include <stdlib.h>

#include "cli/cli.h"
#include "desk/gen.h"

int dc_cmd_bench_data(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "events= seed= start= per-day=", argc, argv) || a.npos)
        return dc_cli_usage(a.error[0] ? a.error : "bench-data takes options only");
    const char *events = dc_args_get(&a, "events"), *seed = dc_args_get(&a, "seed");
    const char *per_day = dc_args_get(&a, "per-day");
    dc_gen_opts_t o = {0, 1, dc_args_get(&a, "start"), 0};
    char *end = NULL;
    o.events = events ? strtoll(events, &end, 10) : 0;
    if (!events || *end || o.events < 1 || o.events > 100000000)
        return dc_cli_usage("--events N (1 to 100000000) is required");
    if (seed)
        o.seed = (unsigned)strtoul(seed, NULL, 10);
    if (per_day && ((o.per_day = (int)strtol(per_day, &end, 10)) < 1 || *end))
        return dc_cli_usage("--per-day N must be a positive number");
    int64_t from, to;
    if (o.start && dc_desk_month_range(o.start, 540, &from, &to))
        return dc_cli_fail(DC_E_BAD_DATE, "--start YYYY-MM");
    dc_init_opts_t io = {"窓口端末1", "ベンチ区役所 戸籍住民課", 540};
    dc_err_t e = dc_desk_init(c->db, c->key, &io);
    if (e)
        return dc_cli_fail(e, c->db);
    int rc = dc_cli_open(c);
    if (rc)
        return rc;
    char last[8];
    if ((e = dc_desk_gen(c->st, &c->term, &o, last)))
        return dc_cli_fail(e, "bench-data");
    printf("%s: %lld events, last month %s\n", c->db, (long long)o.events, last);
    return DC_EXIT_OK;
}
