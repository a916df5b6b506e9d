#ifndef ARGO_LITE_CCURL_SHIM_H
#define ARGO_LITE_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt / curl_easy_getinfo are C variadics, which Swift cannot call.
   These typed wrappers keep the real C types, including callback function pointers. */

typedef size_t (*argo_curl_write_cb)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef size_t (*argo_curl_read_cb)(char *buffer, size_t size, size_t nitems, void *userdata);
typedef int (*argo_curl_xferinfo_cb)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                     curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode argo_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argo_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argo_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argo_curl_setopt_ptr(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argo_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argo_curl_setopt_blob(CURL *h, CURLoption o, struct curl_blob *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argo_curl_setopt_write_cb(CURL *h, CURLoption o, argo_curl_write_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argo_curl_setopt_read_cb(CURL *h, CURLoption o, argo_curl_read_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argo_curl_setopt_xferinfo_cb(CURL *h, CURLoption o, argo_curl_xferinfo_cb v) { return curl_easy_setopt(h, o, v); }

static inline CURLcode argo_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode argo_curl_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode argo_curl_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }

#endif
