#ifndef AGENTDECK_MALLOC_TUNING_H
#define AGENTDECK_MALLOC_TUNING_H

/// Runs this executable again, same arguments, with glibc's per-thread cache of freed blocks
/// turned off (`GLIBC_TUNABLES=glibc.malloc.tcache_count=0`), unless it already runs that way or
/// the user set that tunable. Returns only when it did not re-execute (already tuned, the user's
/// setting, or exec failed); on the tuned run, it puts GLIBC_TUNABLES back as the user had it so
/// that processes the dashboard starts are not affected.
///
/// Why (docs/DECISIONS.md, "Memory: no thread cache"): a block freed by the UI thread goes into
/// that thread's cache even when the network thread allocated it, and the UI thread's next
/// allocation of that size takes it back — so what the state keeps for hours (packed task bytes,
/// fresh copies of ids) lands in the network thread's heap, between its transient buffers, where
/// it keeps pages resident that `malloc_trim` could otherwise give back.
void agentdeck_reexec_without_thread_cache(char *const argv[]);

#endif
