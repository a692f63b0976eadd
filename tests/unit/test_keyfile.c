/* Key files: format, permissions, creation, and writing a given key atomically (the one writer
 * that rekey uses too). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/keyfile.h"

static char dir[512];

static void path(const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s", dir, name);
}

static void write_file(const char *p, const char *content, size_t n, mode_t mode)
{
    unlink(p);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, mode);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, content, n), (ssize_t)n);
    assert_int_equal(fchmod(fd, mode), 0);
    close(fd);
}

static const char hex64[] = "000102030405060708090a0b0c0d0e0f101112131415161718191A1B1C1D1E1F";

static void test_formats(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        dc_err_t want;
    } cases[] = {
        {"000102030405060708090a0b0c0d0e0f101112131415161718191A1B1C1D1E1F", DC_E_OK},
        {"000102030405060708090a0b0c0d0e0f101112131415161718191A1B1C1D1E1F\n", DC_E_OK},
        {"000102030405060708090a0b0c0d0e0f101112131415161718191A1B1C1D1E1F\r\n", DC_E_OK},
        {"000102030405060708090a0b0c0d0e0f101112131415161718191A1B1C1D1E1F\n\n", DC_E_KEY_FORMAT},
        {"000102030405060708090a0b0c0d0e0f101112131415161718191A1B1C1D1E1", DC_E_KEY_FORMAT},
        {"000102030405060708090a0b0c0d0e0f101112131415161718191A1B1C1D1E1F0", DC_E_KEY_FORMAT},
        {"g00102030405060708090a0b0c0d0e0f101112131415161718191A1B1C1D1E1F", DC_E_KEY_FORMAT},
        {" 000102030405060708090a0b0c0d0e0f101112131415161718191A1B1C1D1E1F", DC_E_KEY_FORMAT},
        {"", DC_E_KEY_FORMAT},
        {"correct horse battery staple", DC_E_KEY_FORMAT},
    };
    char p[600];
    path("k", p, sizeof p);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_file(p, cases[i].text, strlen(cases[i].text), 0600);
        uint8_t key[DC_KEY_LEN];
        memset(key, 0xee, sizeof key);
        dc_err_t e = dc_keyfile_read(p, key);
        if (e != cases[i].want)
            fail_msg("case %zu: got %s", i, dc_err_name(e));
        if (e == DC_E_OK) {
            for (int b = 0; b < DC_KEY_LEN; b++)
                assert_int_equal(key[b], b);
        } else {
            uint8_t zero[DC_KEY_LEN] = {0};
            assert_memory_equal(key, zero, DC_KEY_LEN); /* nothing half-read is left */
        }
    }
}

static void test_permissions(void **state)
{
    (void)state;
    char p[600];
    path("perm", p, sizeof p);
    static const struct {
        mode_t mode;
        dc_err_t want;
    } cases[] = {{0600, DC_E_OK},        {0400, DC_E_OK},        {0640, DC_E_KEY_PERMS},
                 {0604, DC_E_KEY_PERMS}, {0644, DC_E_KEY_PERMS}, {0660, DC_E_KEY_PERMS}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_file(p, hex64, 64, cases[i].mode);
        uint8_t key[DC_KEY_LEN];
        assert_int_equal(dc_keyfile_read(p, key), cases[i].want);
    }
    path("absent", p, sizeof p);
    uint8_t key[DC_KEY_LEN];
    assert_int_equal(dc_keyfile_read(p, key), DC_E_KEY_MISSING);
    /* A folder is not a key file, nor is a FIFO: refused at once (a read would wait for a
     * writer that never comes). */
    assert_int_equal(dc_keyfile_read(dir, key), DC_E_KEY_NOT_FILE);
    path("fifo.key", p, sizeof p);
    unlink(p);
    assert_int_equal(mkfifo(p, 0600), 0);
    alarm(5); /* a hang fails the test instead of blocking the run */
    assert_int_equal(dc_keyfile_read(p, key), DC_E_KEY_NOT_FILE);
    alarm(0);
    unlink(p);
}

static void test_create(void **state)
{
    (void)state;
    char p[600];
    path("new.key", p, sizeof p);
    unlink(p);
    assert_int_equal(dc_keyfile_create(p), DC_E_OK);
    struct stat sb;
    assert_int_equal(stat(p, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(sb.st_size, 65);
    uint8_t k1[DC_KEY_LEN], k2[DC_KEY_LEN];
    assert_int_equal(dc_keyfile_read(p, k1), DC_E_OK);
    /* Never overwritten. */
    assert_int_equal(dc_keyfile_create(p), DC_E_IO);
    assert_int_equal(dc_keyfile_read(p, k2), DC_E_OK);
    assert_memory_equal(k1, k2, DC_KEY_LEN);
    /* Two new keys differ. */
    char p2[600];
    path("new2.key", p2, sizeof p2);
    unlink(p2);
    assert_int_equal(dc_keyfile_create(p2), DC_E_OK);
    assert_int_equal(dc_keyfile_read(p2, k2), DC_E_OK);
    assert_memory_not_equal(k1, k2, DC_KEY_LEN);
    /* A dangling link at the new key's name is not followed: nothing is made where it points. */
    char link_path[600], target[600];
    path("link.key", link_path, sizeof link_path);
    path("elsewhere", target, sizeof target);
    unlink(link_path);
    unlink(target);
    assert_int_equal(symlink(target, link_path), 0);
    assert_int_equal(dc_keyfile_create(link_path), DC_E_IO);
    assert_int_not_equal(access(target, F_OK), 0);
    unlink(link_path);
}

/* dc_keyfile_write: the given key, mode 0600, over an older file, with no .tmp left behind; a
 * link at the .tmp name is replaced, not followed. */
static void test_write(void **state)
{
    (void)state;
    char p[600], tmp[620], target[600];
    path("given.key", p, sizeof p);
    snprintf(tmp, sizeof tmp, "%s.tmp", p);
    uint8_t k[DC_KEY_LEN], back[DC_KEY_LEN];
    for (int i = 0; i < DC_KEY_LEN; i++)
        k[i] = (uint8_t)(i * 7 + 1);
    write_file(p, "old", 3, 0600);
    assert_int_equal(dc_keyfile_write(p, k), DC_E_OK);
    assert_int_equal(dc_keyfile_read(p, back), DC_E_OK);
    assert_memory_equal(k, back, DC_KEY_LEN);
    struct stat sb;
    assert_int_equal(stat(p, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_not_equal(access(tmp, F_OK), 0);
    /* A planted link at the temporary name: removed, and nothing written where it points. */
    path("planted-target", target, sizeof target);
    unlink(target);
    assert_int_equal(symlink(target, tmp), 0);
    k[0] ^= 0xff;
    assert_int_equal(dc_keyfile_write(p, k), DC_E_OK);
    assert_int_not_equal(access(target, F_OK), 0);
    assert_int_equal(dc_keyfile_read(p, back), DC_E_OK);
    assert_memory_equal(k, back, DC_KEY_LEN);
    /* A folder that does not exist: an error, no file. */
    char missing[600];
    path("no-such-dir/x.key", missing, sizeof missing);
    assert_int_equal(dc_keyfile_write(missing, k), DC_E_IO);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const char *tmp = getenv("DAICHO_TEST_TMP");
    snprintf(dir, sizeof dir, "%s/keyXXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_permissions),
        cmocka_unit_test(test_create),
        cmocka_unit_test(test_write),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return rc;
}
