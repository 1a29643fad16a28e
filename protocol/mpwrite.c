#include "mpwrite.h"

#include <string.h>

#include <msgpack.h>

static int
pbuf_write_cb(void *data, const char *p, size_t n)
{
	return pbuf_append(data, p, n);
}

/* The packer is a two-word struct: building one per call costs nothing and
 * keeps every writer reentrant. */
#define PACKER(pk, b) msgpack_packer pk; msgpack_packer_init(&pk, (b), pbuf_write_cb)

int
mpw_nil(struct pbuf *b)
{
	PACKER(pk, b);
	return msgpack_pack_nil(&pk);
}

int
mpw_bool(struct pbuf *b, bool v)
{
	PACKER(pk, b);
	return v ? msgpack_pack_true(&pk) : msgpack_pack_false(&pk);
}

int
mpw_int(struct pbuf *b, int64_t v)
{
	PACKER(pk, b);
	return msgpack_pack_int64(&pk, v);
}

int
mpw_uint(struct pbuf *b, uint64_t v)
{
	PACKER(pk, b);
	return msgpack_pack_uint64(&pk, v);
}

int
mpw_double(struct pbuf *b, double v)
{
	PACKER(pk, b);
	return msgpack_pack_double(&pk, v);
}

int
mpw_str(struct pbuf *b, const char *s, size_t n)
{
	PACKER(pk, b);
	if (n > UINT32_MAX || msgpack_pack_str(&pk, n) == -1)
		return -1;
	return msgpack_pack_str_body(&pk, s, n);
}

int
mpw_cstr(struct pbuf *b, const char *s)
{
	return mpw_str(b, s, strlen(s));
}

int
mpw_bin(struct pbuf *b, const void *p, size_t n)
{
	PACKER(pk, b);
	if (n > UINT32_MAX || msgpack_pack_bin(&pk, n) == -1)
		return -1;
	return msgpack_pack_bin_body(&pk, p, n);
}

int
mpw_array(struct pbuf *b, uint32_t n)
{
	PACKER(pk, b);
	return msgpack_pack_array(&pk, n);
}

int
mpw_map(struct pbuf *b, uint32_t n)
{
	PACKER(pk, b);
	return msgpack_pack_map(&pk, n);
}

int
mpw_ext(struct pbuf *b, int8_t type, const void *p, size_t n)
{
	PACKER(pk, b);
	if (n > UINT32_MAX || msgpack_pack_ext(&pk, n, type) == -1)
		return -1;
	return msgpack_pack_ext_body(&pk, p, n);
}

long
mpw_ext32_begin(struct pbuf *b, int8_t type)
{
	uint8_t hdr[6] = { 0xc9, 0, 0, 0, 0, (uint8_t)type };
	long off = (long)b->len;

	if (pbuf_append(b, hdr, sizeof(hdr)) == -1)
		return -1;
	return off;
}

int
mpw_ext32_end(struct pbuf *b, long off)
{
	size_t n = b->len - (size_t)off - 6;

	if (n > UINT32_MAX)
		return -1;
	pbuf_patch_be32(b, (size_t)off + 1, (uint32_t)n);
	return 0;
}

int
mpw_raw(struct pbuf *b, const void *p, size_t n)
{
	return pbuf_append(b, p, n);
}
