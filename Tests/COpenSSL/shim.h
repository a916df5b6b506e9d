#ifndef ARGO_LITE_COPENSSL_SHIM_H
#define ARGO_LITE_COPENSSL_SHIM_H
/* The system OpenSSL (libssl-dev), for the fake Kubernetes API server's TLS listener in the tests only. */
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* SSL_CTX_set_min_proto_version is a macro over SSL_CTX_ctrl, which Swift does not import. */
static inline long argo_ssl_ctx_min_tls12(SSL_CTX *ctx) { return SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION); }
#endif
