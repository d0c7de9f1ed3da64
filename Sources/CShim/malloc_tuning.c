#include "agentdeck_malloc_tuning.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>

static const char kSetting[] = "glibc.malloc.tcache_count=0";
/// Set for the tuned run: the user's GLIBC_TUNABLES before ours was added ("" when unset).
static const char kMarker[] = "AGENTDECK_PREVIOUS_GLIBC_TUNABLES";

/// Gives GLIBC_TUNABLES back the user's value (`previous`; "" or NULL: unset) and drops the marker.
static void restore(const char *previous) {
    if (previous && *previous) setenv("GLIBC_TUNABLES", previous, 1); else unsetenv("GLIBC_TUNABLES");
    unsetenv(kMarker);
}

void agentdeck_reexec_without_thread_cache(char *const argv[]) {
    const char *previous = getenv(kMarker);
    if (previous) {
        // The tuned run: glibc read its tunables at start; children get the user's back.
        restore(previous);
        return;
    }
    const char *current = getenv("GLIBC_TUNABLES");
    if (current && strstr(current, "glibc.malloc.tcache_count")) return;  // the user's choice stands
    size_t length = (current ? strlen(current) + 1 : 0) + sizeof kSetting;
    char *value = malloc(length);
    if (!value) return;
    // Ours first: glibc 2.36 rewrites the variable in place as it parses it, and what a
    // look at /proc/PID/environ then shows is the first tunable only.
    if (current && *current) snprintf(value, length, "%s:%s", kSetting, current);
    else snprintf(value, length, "%s", kSetting);
    // A copy of the user's value: `current` points into the environment that setenv rewrites.
    char *saved = strdup(current ? current : "");
    if (!saved) {
        free(value);
        return;
    }
    int failed = setenv(kMarker, saved, 1) != 0 || setenv("GLIBC_TUNABLES", value, 1) != 0;
    free(value);
    if (failed) {
        restore(saved);
        free(saved);
        return;
    }
    // The executable's own path, not /proc/self/exe: the process is named after the file it
    // runs (`ps`, `pkill agentdeck`, htop would otherwise show "exe").
    char path[PATH_MAX];
    ssize_t length_read = readlink("/proc/self/exe", path, sizeof path - 1);
    if (length_read > 0) {
        path[length_read] = '\0';
        execv(path, argv);
    }
    // Could not run again (no /proc?): carry on as we are, environment as it was.
    restore(saved);
    free(saved);
}
