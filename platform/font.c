#include "platform/font.h"

#include <stdlib.h>
#include <unistd.h>

const char *dc_font_path(void)
{
    static const char *const candidates[] = {
        "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    };
    const char *env = getenv("DAICHO_FONT");
    if (env && *env && access(env, R_OK) == 0)
        return env;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        if (access(candidates[i], R_OK) == 0)
            return candidates[i];
    }
    return NULL;
}
