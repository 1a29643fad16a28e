/*
 * urlparse.h - the WHATWG URL Standard's basic URL parser, in C and free of
 * Duktape: a URL record of serialised components, the parser with its state
 * overrides (what the URL setters run), the host parser (domains through
 * UTS #46 on ICU, IPv4, IPv6, opaque hosts) and percent-encoding.
 *
 * Contract: url_parse() takes the input as code points (the caller has
 * made it a USV string) and an optional base record.  Without an override
 * it fills `url` (which must be url_rec_init'ed and empty) and returns 0, or
 * -1 when the input is not a URL.  With an override it changes `url` in
 * place as the setter for that state does: 0 (changed or left alone, as
 * the standard's "return" says) or -1 (failure: `url` keeps what the
 * parser changed before it failed, as a setter in the standard does).  Out of memory is -1 too, with
 * URL_ERR_NOMEM in *err.  Every component of a record is ASCII.
 */
#ifndef WH_URLPARSE_H
#define WH_URLPARSE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* The parser states a setter may start in (URL_NONE: a whole parse). */
enum url_state {
	URL_NONE = 0,
	URL_SCHEME_START,
	URL_HOST,
	URL_HOSTNAME,
	URL_PORT,
	URL_PATH_START,
	URL_QUERY,
	URL_FRAGMENT,
};

enum { URL_OK = 0, URL_ERR_INVALID = 1, URL_ERR_NOMEM = 2 };

/*
 * A URL record.  host is the serialised host ("" is the empty host) when
 * has_host; port is -1 when null.  path is the serialisation of the path:
 * the opaque path itself when opaque, else "/" before each segment (so ""
 * is the empty list and "/" the list of one empty segment).
 */
struct url_rec {
	struct pbuf scheme, user, pass, host, path, query, frag;
	int has_host, has_query, has_frag, opaque;
	long port;
};

void url_rec_init(struct url_rec *u);
void url_rec_free(struct url_rec *u);
/* dst (initialised) becomes a copy of src; -1 when out of memory. */
int url_rec_copy(struct url_rec *dst, const struct url_rec *src);

int url_parse(const uint32_t *in, size_t n, const struct url_rec *base, struct url_rec *url,
    enum url_state override, int *err);

/* The percent-encode sets of the standard. */
enum url_set { URL_SET_C0, URL_SET_FRAGMENT, URL_SET_QUERY, URL_SET_SPECIAL_QUERY, URL_SET_PATH,
	URL_SET_USERINFO, URL_SET_FORM };
/* Appends the UTF-8 bytes [p, p+n) to out, percent-encoding the bytes of
 * each code point in `set` (form: a space becomes '+'); -1 when out
 * refuses to grow. */
int url_encode(struct pbuf *out, const uint8_t *p, size_t n, enum url_set set);
/* Appends code point c as UTF-8. */
int url_put_utf8(struct pbuf *out, uint32_t c);
/* The WHATWG UTF-8 decoder: each maximal bad subpart of [p, p+n) becomes
 * U+FFFD.  Returns the number of code points written to out (room for n). */
size_t url_utf8_decode(const uint8_t *p, size_t n, uint32_t *out);
/* Appends the percent-decoded bytes of [p, p+n) to out. */
int url_decode(struct pbuf *out, const uint8_t *p, size_t n);
/* The domain to ASCII of the standard (beStrict false) for the UTF-8
 * bytes [p, p+n), appended to out; -1 when it fails. */
int url_domain_to_ascii(struct pbuf *out, const uint8_t *p, size_t n);

#endif
