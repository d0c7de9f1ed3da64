#ifndef AGENTDECK_CCURL_SHIM_H
#define AGENTDECK_CCURL_SHIM_H
#include <curl/curl.h>

// Swift cannot call C variadic functions (curl_easy_setopt, curl_easy_getinfo,
// curl_multi_setopt) nor import function-like macros (CURL_GLOBAL_DEFAULT). These typed
// wrappers give each argument type its own entry point; the Wire module only calls these.

static inline CURLcode agentdeck_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

/// curl_global_init with the process's own allocation functions for libcurl (must come before
/// any other libcurl call).
static inline CURLcode agentdeck_curl_global_init_mem(
    curl_malloc_callback m, curl_free_callback f, curl_realloc_callback r, curl_strdup_callback s, curl_calloc_callback c) {
    return curl_global_init_mem(CURL_GLOBAL_DEFAULT, m, f, r, s, c);
}

// MARK: curl_easy_setopt

static inline CURLcode agentdeck_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode agentdeck_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode agentdeck_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode agentdeck_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode agentdeck_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/// CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION share this signature.
static inline CURLcode agentdeck_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode agentdeck_easy_setopt_xferinfo_callback(CURL *handle, curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

// MARK: curl_easy_getinfo

static inline CURLcode agentdeck_easy_getinfo_long(CURL *handle, CURLINFO info, long *out) {
    return curl_easy_getinfo(handle, info, out);
}

static inline CURLcode agentdeck_easy_getinfo_double(CURL *handle, CURLINFO info, double *out) {
    return curl_easy_getinfo(handle, info, out);
}

static inline CURLcode agentdeck_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *out) {
    return curl_easy_getinfo(handle, info, out);
}

/// The returned string belongs to the handle: copy it before the handle is cleaned up.
static inline CURLcode agentdeck_easy_getinfo_string(CURL *handle, CURLINFO info, const char **out) {
    char *value = NULL;
    CURLcode code = curl_easy_getinfo(handle, info, &value);
    *out = value;
    return code;
}

// MARK: curl_multi_setopt

static inline CURLMcode agentdeck_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

static inline CURLMcode agentdeck_multi_setopt_pointer(CURLM *multi, CURLMoption option, void *value) {
    return curl_multi_setopt(multi, option, value);
}

static inline CURLMcode agentdeck_multi_setopt_socket_callback(CURLM *multi, curl_socket_callback callback) {
    return curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, callback);
}

static inline CURLMcode agentdeck_multi_setopt_timer_callback(CURLM *multi, curl_multi_timer_callback callback) {
    return curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, callback);
}

/// The "socket" argument of curl_multi_socket_action that means "a timeout expired"
/// (CURL_SOCKET_TIMEOUT is a macro of a macro, which Swift does not import).
static const curl_socket_t agentdeck_socket_timeout = CURL_SOCKET_TIMEOUT;

// MARK: CURLMsg (its payload is a union)

static inline CURLcode agentdeck_multi_msg_result(const CURLMsg *message) {
    return message->data.result;
}

#endif
