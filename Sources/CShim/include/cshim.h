#ifndef AGENTDECK_CSHIM_H
#define AGENTDECK_CSHIM_H
// Placeholder: signal -> self-pipe handler lives here (Terminal work).
int agentdeck_shim_version(void);
// Named here so that a build folder made before agentdeck_epoll.h existed rebuilds this module
// (a cached module does not notice a new header in its umbrella directory).
#include "agentdeck_epoll.h"
#include "agentdeck_curl_heap.h"
#include "agentdeck_malloc_tuning.h"
#endif
