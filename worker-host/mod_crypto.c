/*
 * mod_crypto.c - digests, HMAC, constant-time comparison and base64 on
 * OpenSSL's libcrypto, and random bytes from the kernel through random.c,
 * as the native half of the Web Crypto and atob/btoa globals.  Every
 * function works on whole buffers in one call: the Web layer's promises
 * add nothing a worker could wait on, so there is no queue here.
 */
#include "mod_crypto.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "random.h"
#include "rt_define.h"

/* The getRandomValues() bound of the Web Crypto spec; randomFill refuses
 * more so that one call never blocks on a long read. */
#define RANDOM_MAX 65536

static const EVP_MD *
hash_named(duk_context *ctx, duk_idx_t idx)
{
	const char *name = duk_require_string(ctx, idx);

	if (strcmp(name, "sha1") == 0)
		return EVP_sha1();
	if (strcmp(name, "sha256") == 0)
		return EVP_sha256();
	if (strcmp(name, "sha384") == 0)
		return EVP_sha384();
	if (strcmp(name, "sha512") == 0)
		return EVP_sha512();
	(void)duk_type_error(ctx, "unknown hash: %s", name);
	return NULL;
}

static const void *
bytes_of(duk_context *ctx, duk_idx_t idx, duk_size_t *n)
{
	static const char empty;
	const void *p;

	if (!duk_is_buffer_data(ctx, idx))
		(void)duk_type_error(ctx, "expected an ArrayBuffer or a view");
	p = duk_get_buffer_data(ctx, idx, n);
	return p != NULL ? p : &empty;
}

static void *
push_array_buffer(duk_context *ctx, size_t n)
{
	void *p = duk_push_fixed_buffer(ctx, n);

	duk_push_buffer_object(ctx, -1, 0, n, DUK_BUFOBJ_ARRAYBUFFER);
	duk_remove(ctx, -2);
	return p;
}

static duk_ret_t
digest(duk_context *ctx)
{
	const EVP_MD *md = hash_named(ctx, 0);
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	duk_size_t n;
	const void *p = bytes_of(ctx, 1, &n);

	if (EVP_Digest(p, n, out, &len, md, NULL) != 1)
		return duk_error(ctx, DUK_ERR_ERROR, "digest failed");
	memcpy(push_array_buffer(ctx, len), out, len);
	return 1;
}

static duk_ret_t
hmac(duk_context *ctx)
{
	const EVP_MD *md = hash_named(ctx, 0);
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	duk_size_t nk, nd;
	const void *key = bytes_of(ctx, 1, &nk), *data = bytes_of(ctx, 2, &nd);

	if (nk > INT32_MAX || HMAC(md, key, (int)nk, data, nd, out, &len) == NULL)
		return duk_error(ctx, DUK_ERR_ERROR, "HMAC failed");
	memcpy(push_array_buffer(ctx, len), out, len);
	return 1;
}

static duk_ret_t
timing_safe_equal(duk_context *ctx)
{
	duk_size_t na, nb;
	const void *a = bytes_of(ctx, 0, &na), *b = bytes_of(ctx, 1, &nb);

	duk_push_boolean(ctx, na == nb && CRYPTO_memcmp(a, b, na) == 0);
	return 1;
}

static duk_ret_t
random_fill(duk_context *ctx)
{
	duk_size_t n;
	void *p = (void *)bytes_of(ctx, 0, &n);

	if (n > RANDOM_MAX)
		return duk_range_error(ctx, "at most %d bytes at a time", RANDOM_MAX);
	if (n > 0 && random_bytes(p, n) == -1)
		return duk_error(ctx, DUK_ERR_ERROR, "no random bytes from the kernel");
	duk_set_top(ctx, 1);
	return 1;
}

static duk_ret_t
base64_encode(duk_context *ctx)
{
	duk_size_t n;
	const void *p = bytes_of(ctx, 0, &n);
	size_t cap = (n + 2) / 3 * 4 + 1;
	unsigned char *out;

	if (n > INT32_MAX / 2)
		return duk_range_error(ctx, "input too large for base64");
	out = duk_push_fixed_buffer(ctx, cap);
	duk_push_lstring(ctx, (const char *)out, (duk_size_t)EVP_EncodeBlock(out, p, (int)n));
	return 1;
}

/* The caller has done the forgiving-base64 checks: the string is only the
 * alphabet, its length a multiple of 4 with at most two '=' at the end. */
static duk_ret_t
base64_decode(duk_context *ctx)
{
	duk_size_t n;
	const char *s = duk_require_lstring(ctx, 0, &n);
	size_t pad = (n > 0 && s[n - 1] == '=') + (n > 1 && s[n - 2] == '=');
	unsigned char *out;
	int len;

	if (n % 4 != 0 || n > INT32_MAX)
		return duk_type_error(ctx, "base64 input not canonical");
	out = duk_push_fixed_buffer(ctx, n / 4 * 3);
	len = EVP_DecodeBlock(out, (const unsigned char *)s, (int)n);
	if (len < 0 || (size_t)len < pad)
		return duk_type_error(ctx, "base64 input not canonical");
	duk_push_buffer_object(ctx, -1, 0, (duk_size_t)len - pad, DUK_BUFOBJ_UINT8ARRAY);
	return 1;
}

void
crypto_natives(duk_context *ctx, duk_idx_t native)
{
	rt_def_method(ctx, native, "digest", digest, 2);
	rt_def_method(ctx, native, "hmac", hmac, 3);
	rt_def_method(ctx, native, "timingSafeEqual", timing_safe_equal, 2);
	rt_def_method(ctx, native, "randomFill", random_fill, 1);
	rt_def_method(ctx, native, "base64Encode", base64_encode, 1);
	rt_def_method(ctx, native, "base64Decode", base64_decode, 1);
}

int
crypto_sha256_hex(const void *const p[], const size_t len[], size_t n, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int ok = c != NULL && EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1;

	for (size_t i = 0; ok && i < n; i++)
		ok = EVP_DigestUpdate(c, p[i], len[i]) == 1;
	ok = ok && EVP_DigestFinal_ex(c, md, &mdlen) == 1;
	EVP_MD_CTX_free(c);
	if (!ok)
		return -1;
	for (unsigned int i = 0; i < mdlen; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	return 0;
}
