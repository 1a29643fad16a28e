/*
 * mod_hash.c - OpenSSL's libcrypto behind the stateful parts of Node's
 * `crypto` (js/node_crypto.js): incremental hashes and HMACs (each a
 * handle owning an EVP context, freed by its finalizer or at digest), and
 * the key derivations pbkdf2 and scrypt.  native.hash.* take and return
 * Uint8Arrays; an unknown algorithm is Node's "Digest method not
 * supported" / "Invalid digest" error.
 */
#include "mod_hash.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <stdbool.h>
#include <string.h>

#include "rt_define.h"
#include "wire.h"

#define K_CTX DUK_HIDDEN_SYMBOL("evp")

/* A handle: a plain object with the context's address in a hidden
 * buffer, and a finalizer that frees whatever is still held. */
struct handle {
	EVP_MD_CTX *md;
	EVP_MAC_CTX *mac;
};

static struct handle *
handle_of(duk_context *ctx, duk_idx_t idx)
{
	struct handle *h;

	duk_get_prop_string(ctx, idx, K_CTX);
	h = duk_get_buffer_data(ctx, -1, NULL);
	duk_pop(ctx);
	if (h == NULL || (h->md == NULL && h->mac == NULL))
		(void)duk_error(ctx, DUK_ERR_ERROR, "Digest already called");
	return h;
}

static void
handle_free(struct handle *h)
{
	EVP_MD_CTX_free(h->md);
	EVP_MAC_CTX_free(h->mac);
	h->md = NULL;
	h->mac = NULL;
}

static duk_ret_t
handle_finalize(duk_context *ctx)
{
	struct handle *h;

	duk_get_prop_string(ctx, 0, K_CTX);
	h = duk_get_buffer_data(ctx, -1, NULL);
	if (h != NULL)
		handle_free(h);
	return 0;
}

/* Pushes a new handle object and returns its (zeroed) struct. */
static struct handle *
push_handle(duk_context *ctx)
{
	struct handle *h;

	duk_push_object(ctx);
	h = duk_push_fixed_buffer(ctx, sizeof(*h));
	memset(h, 0, sizeof(*h));
	duk_put_prop_string(ctx, -2, K_CTX);
	duk_push_c_function(ctx, handle_finalize, 1);
	duk_set_finalizer(ctx, -2);
	return h;
}

/* The digest named at idx.  Unknown: createHash's plain Error, or for
 * HMAC and the key derivations Node's TypeError ERR_CRYPTO_INVALID_DIGEST. */
static const EVP_MD *
digest_named(duk_context *ctx, duk_idx_t idx, bool for_hash)
{
	const char *name = duk_require_string(ctx, idx);
	const EVP_MD *md = EVP_get_digestbyname(name);

	if (md != NULL)
		return md;
	if (for_hash)
		(void)duk_error(ctx, DUK_ERR_ERROR, "Digest method not supported");
	duk_push_error_object(ctx, DUK_ERR_TYPE_ERROR, "Invalid digest: %s", name);
	duk_push_string(ctx, "ERR_CRYPTO_INVALID_DIGEST");
	duk_put_prop_string(ctx, -2, "code");
	(void)duk_throw(ctx);
	return NULL;
}

static duk_ret_t
hash_create(duk_context *ctx)
{
	const EVP_MD *md = digest_named(ctx, 0, true);
	struct handle *h = push_handle(ctx);

	if ((h->md = EVP_MD_CTX_new()) == NULL || EVP_DigestInit_ex(h->md, md, NULL) != 1) {
		handle_free(h);
		return duk_error(ctx, DUK_ERR_ERROR, "Digest method not supported");
	}
	return 1;
}

static duk_ret_t
hmac_create(duk_context *ctx)
{
	const EVP_MD *md = digest_named(ctx, 0, false);
	duk_size_t keylen;
	const void *key = duk_require_buffer_data(ctx, 1, &keylen);
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	struct handle *h = push_handle(ctx);
	OSSL_PARAM params[2];
	static const unsigned char nokey = 0;

	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)EVP_MD_get0_name(md), 0);
	params[1] = OSSL_PARAM_construct_end();
	h->mac = mac != NULL ? EVP_MAC_CTX_new(mac) : NULL;
	EVP_MAC_free(mac);
	if (h->mac == NULL || EVP_MAC_init(h->mac, keylen > 0 ? key : &nokey, keylen, params) != 1) {
		handle_free(h);
		return duk_error(ctx, DUK_ERR_ERROR, "Invalid digest");
	}
	return 1;
}

static duk_ret_t
hash_update(duk_context *ctx)
{
	struct handle *h = handle_of(ctx, 0);
	duk_size_t n;
	const void *p = duk_require_buffer_data(ctx, 1, &n);
	int ok = h->md != NULL ? EVP_DigestUpdate(h->md, p, n) : EVP_MAC_update(h->mac, p, n);

	if (ok != 1)
		return duk_error(ctx, DUK_ERR_ERROR, "hash update failed");
	return 0;
}

/* The digest; the handle is spent (Node's "Digest already called"). */
static duk_ret_t
hash_digest(duk_context *ctx)
{
	struct handle *h = handle_of(ctx, 0);
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	size_t mn = 0;
	int ok;

	if (h->md != NULL)
		ok = EVP_DigestFinal_ex(h->md, out, &n);
	else
		ok = EVP_MAC_final(h->mac, out, &mn, sizeof(out));
	if (h->mac != NULL)
		n = (unsigned int)mn;
	handle_free(h);
	if (ok != 1)
		return duk_error(ctx, DUK_ERR_ERROR, "digest failed");
	wire_push_u8(ctx, out, n);
	return 1;
}

static duk_ret_t
hash_copy(duk_context *ctx)
{
	struct handle *from = handle_of(ctx, 0), *h;

	if (from->md == NULL)
		return duk_error(ctx, DUK_ERR_ERROR, "only a Hash can be copied");
	h = push_handle(ctx);
	if ((h->md = EVP_MD_CTX_new()) == NULL || EVP_MD_CTX_copy_ex(h->md, from->md) != 1) {
		handle_free(h);
		return duk_error(ctx, DUK_ERR_ERROR, "hash copy failed");
	}
	return 1;
}

/* pbkdf2(password, salt, iterations, keylen, digest) */
static duk_ret_t
kdf_pbkdf2(duk_context *ctx)
{
	duk_size_t plen, slen;
	const char *pass = duk_require_buffer_data(ctx, 0, &plen);
	const unsigned char *salt = duk_require_buffer_data(ctx, 1, &slen);
	int iter = duk_require_int(ctx, 2), keylen = duk_require_int(ctx, 3);
	const EVP_MD *md = digest_named(ctx, 4, false);
	unsigned char *out = wire_push_u8(ctx, NULL, (size_t)keylen);

	if (PKCS5_PBKDF2_HMAC(pass, (int)plen, salt, (int)slen, iter, md, keylen, out) != 1)
		return duk_error(ctx, DUK_ERR_ERROR, "pbkdf2 failed");
	return 1;
}

/* scrypt(password, salt, keylen, N, r, p, maxmem) */
static duk_ret_t
kdf_scrypt(duk_context *ctx)
{
	duk_size_t plen, slen;
	const char *pass = duk_require_buffer_data(ctx, 0, &plen);
	const unsigned char *salt = duk_require_buffer_data(ctx, 1, &slen);
	size_t keylen = (size_t)duk_require_uint(ctx, 2);
	uint64_t n = (uint64_t)duk_require_number(ctx, 3);
	uint64_t r = duk_require_uint(ctx, 4), p = duk_require_uint(ctx, 5);
	uint64_t maxmem = (uint64_t)duk_require_number(ctx, 6);
	unsigned char *out = wire_push_u8(ctx, NULL, keylen);

	if (EVP_PBE_scrypt(pass, plen, salt, slen, n, r, p, maxmem, out, keylen) != 1)
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "Invalid scrypt params: memory limit exceeded");
	return 1;
}

/* Names OpenSSL can digest with, as it spells them (Node lists them so). */
static void
add_digest(const EVP_MD *md, const char *from, const char *to, void *arg)
{
	duk_context *ctx = arg;

	(void)md;
	(void)to;
	if (from == NULL)
		return;
	duk_push_string(ctx, from);
	duk_put_prop_index(ctx, -2, (duk_uarridx_t)duk_get_length(ctx, -2));
}

static duk_ret_t
get_hashes(duk_context *ctx)
{
	duk_push_array(ctx);
	EVP_MD_do_all_sorted(add_digest, ctx);
	return 1;
}

void
hash_natives(duk_context *ctx, duk_idx_t native)
{
	static const duk_function_list_entry fns[] = {
		{ "hashCreate", hash_create, 1 }, { "hmacCreate", hmac_create, 2 },
		{ "update", hash_update, 2 }, { "digest", hash_digest, 1 }, { "copy", hash_copy, 1 },
		{ "pbkdf2", kdf_pbkdf2, 5 }, { "scrypt", kdf_scrypt, 7 }, { "getHashes", get_hashes, 0 },
		{ NULL, NULL, 0 }
	};

	native = duk_normalize_index(ctx, native);
	duk_push_object(ctx);
	duk_put_function_list(ctx, -1, fns);
	duk_put_prop_string(ctx, native, "hash");
}
