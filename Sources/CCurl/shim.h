#ifndef AGENTDECK_CCURL_SHIM_H
#define AGENTDECK_CCURL_SHIM_H
#include <curl/curl.h>
// Typed wrappers for the variadic curl_easy_setopt/getinfo are added by the Wire work.
#endif
