/* The key file: any contents (written to a private file, then read as the program does). */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "platform/keyfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[256];
    if (!path[0]) {
        const char *dir = getenv("DAICHO_TEST_TMP");
        snprintf(path, sizeof path, "%s/fuzzkey.%d", dir && *dir ? dir : "/tmp", (int)getpid());
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    close(fd);
    uint8_t key[DC_KEY_LEN];
    (void)dc_keyfile_read(path, key);
    unlink(path);
    return 0;
}
