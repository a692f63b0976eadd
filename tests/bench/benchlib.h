/* Shared by the bench tools: clocks, bytes written, sorting samples. */
#ifndef DC_BENCH_LIB_H
#define DC_BENCH_LIB_H

/* Monotonic wall time and this thread's CPU time, in milliseconds. */
double dc_bench_now_ms(void);
double dc_bench_cpu_ms(void);
/* Bytes this process has handed to write() so far (/proc/self/io), -1 when unknown. */
long long dc_bench_written_bytes(void);
/* qsort's comparison of doubles, ascending. */
int dc_bench_cmp_double(const void *a, const void *b);

#endif
