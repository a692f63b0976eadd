/* daicho-vtlock: switch the console to tty1 and lock VT switching (VT_LOCKSWITCH), so a
 * keyboard at the counter cannot reach another virtual terminal with Ctrl+Alt+Fn or Alt+arrows.
 * Run as root (CAP_SYS_TTY_CONFIG) by daicho-vtlock.service before the kiosk starts;
 * "daicho-vtlock unlock" undoes it (maintenance). */
#include <fcntl.h>
#include <linux/vt.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int unlock = argc > 1 && strcmp(argv[1], "unlock") == 0;
    if (argc > 2 || (argc == 2 && !unlock)) {
        fputs("usage: daicho-vtlock [unlock]\n", stderr);
        return 2;
    }
    int fd = open("/dev/tty0", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        perror("daicho-vtlock: /dev/tty0");
        return 1;
    }
    int rc = 0;
    if (!unlock && (ioctl(fd, VT_ACTIVATE, 1) != 0 || ioctl(fd, VT_WAITACTIVE, 1) != 0)) {
        perror("daicho-vtlock: activate tty1");
        rc = 1;
    }
    if (ioctl(fd, unlock ? VT_UNLOCKSWITCH : VT_LOCKSWITCH, 1) != 0) {
        perror("daicho-vtlock: VT_LOCKSWITCH");
        rc = 1;
    }
    close(fd);
    return rc;
}
