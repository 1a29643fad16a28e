/*
 * clone_corpus.c - the shared table of hostile clone bytes (clone_corpus.h).
 */
#include "clone_corpus.h"

/* A literal's bytes (sizeof: a literal, never a pointer). */
#define BAD(lit, why) { #lit, (const uint8_t *)(lit), sizeof(lit) - 1, why }

const struct clone_bad clone_corpus[] = {
	BAD("", "unexpected end of input"),
	BAD("\x92\x01", "element count larger than the input"),			/* truncated array */
	BAD("\x82\xa1" "a", "element count larger than the input"),			/* truncated map */
	BAD("\xdd\xff\xff\xff\xff\x01", "element count larger than the input"),	/* count past the input */
	BAD("\xdf\x10\x00\x00\x00", "element count larger than the input"),
	BAD("\xd9\xc8" "abc", "length larger than the input"),			/* str length past the input */
	BAD("\xc6\xff\xff\xff\xf0" "abc", "length larger than the input"),		/* bin length past the input */
	BAD("\xc9\x7f\xff\xff\xff\x09", "ext length larger than the input"),	/* ext length past the input */
	BAD("\xc0\xc0", "trailing bytes after the value"),
	BAD("\xc1", "reserved byte 0xc1"),
	BAD("\xa2\xc3\x28", "string is not valid UTF-8"),
	BAD("\xa3\xed\xa0\x80", "string is not valid UTF-8"),			/* surrogate in a str */
	BAD("\xa3\x82" "ab", "string is not valid UTF-8"),				/* would be a hidden Symbol */
	BAD("\xa3\x81" "ab", "string is not valid UTF-8"),
	BAD("\xa3\x80" "ab", "string is not valid UTF-8"),
	BAD("\xa2\xff" "a", "string is not valid UTF-8"),
	BAD("\x81\xa3\x82" "ab\x01", "string is not valid UTF-8"),			/* ...as a map key */
	BAD("\x81\xa2\xff" "a\x01", "string is not valid UTF-8"),
	BAD("\xc7\x06\x11\xed\xa0\xbd", "ext length larger than the input"),		/* truncated wstring */
	BAD("\xc7\x06\x11\xed\xa0\xbd\xed\xb8\x80", "wstring is not valid WTF-8"),	/* pair as two 3-byte seqs */
	BAD("\xc7\x02\x11\x82" "a", "wstring is not valid WTF-8"),			/* wstring with a Symbol byte */
	BAD("\x81\xc0\x01", "map key is not a string or an integer"),			/* nil key */
	BAD("\x81\x91\x01\x01", "map key is not a string or an integer"),		/* array key */
	BAD("\x81\xcb\x3f\xf0\x00\x00\x00\x00\x00\x00\x01", "map key is not a string or an integer"),	/* float key */
	BAD("\xd6\x04\x00\x00\x00\x00", "ext 4 payload is 4 bytes, not 8"),		/* Date of 4 bytes */
	BAD("\xd4\x06\x02", "Boolean object byte is not 0 or 1"),
	BAD("\xd4\x07\x00", "ext 7 payload is 1 bytes, not 8"),			/* Number object of 1 byte */
	BAD("\xd4\x01\x00", "ext 1 payload is 1 bytes, not 0"),			/* undefined with a payload */
	BAD("\xd4\x63\x00", "unknown ext type 99"),
	BAD("\xd4\x02\x00", "array hole outside an array"),
	BAD("\x91\xc7\x01\x02\x00", "bad hole run"),					/* hole run of 0 */
	BAD("\x92\xc7\x05\x02\xce\xff\xff\xff\xff\x01", "array elements past its length"),	/* slot 2^32 - 1 */
	BAD("\xc7\x02\x03" "-x", "malformed BigInt"),
	BAD("\x92\xd4\x0f\x05\xc0", "back-reference to object 5, not decoded yet"),	/* out of range */
	BAD("\xd4\x0f\xff", "back-reference is not one uint"),
	BAD("\xd5\x0f\x00\x00", "back-reference is not one uint"),			/* trailing bytes */
	BAD("\xc7\x04\x0a\x03\x01\x02\x03", "view bytes are not a whole number of elements"),	/* Int16Array of 3 bytes */
	BAD("\xc7\x02\x0a\x09\x00", "view bytes are not a whole number of elements"),	/* BigInt64Array of 1 byte */
	BAD("\xc7\x02\x0a\x0c\x00", "unknown view kind 12"),
	BAD("\xc7\x00\x0a", "ext 10 payload is empty"),
	BAD("\xc7\x04\x0b\xc0\x00\x00\xc0", "view header is not three uints"),
	BAD("\xc7\x08\x0b\x01\x02\x02\xc7\x02\x09\x00\x00", "view lies outside its buffer"),
	BAD("\xc7\x0a\x0b\x03\x01\x01\xc7\x04\x09\x00\x00\x00\x00", "view offset is not a multiple of its element size"),
	BAD("\xc7\x05\x0b\x01\x00\x00\xc0\xc0", "view buffer is not an ArrayBuffer"),	/* buffer is nil */
	BAD("\xc7\x06\x0b\x01\x00\x00\xd4\x0f\x00", "back-reference to object 0, not decoded yet"),	/* buffer is the view itself */
	BAD("\x92\x80\xc7\x06\x0b\x01\x00\x00\xd4\x0f\x00", "view buffer refers to something else than an ArrayBuffer"),
	BAD("\xc7\x08\x0b\x01\x00\x00\xc7\x01\x09\x00\xc0", "trailing bytes in ext 11 payload"),
	BAD("\xc7\x03\x08\xa1" "a\xc0", "trailing bytes in ext 8 payload"),
	BAD("\xc7\x02\x08\x01\x02", "String object is not a string"),
	BAD("\xc7\x03\x0e\xa0\xa0\x01", "Error stack is not a string or nil"),
	BAD("\xc7\x02\x05\xa1" "a", "RegExp flags: unexpected end of input"),
	BAD("\xc7\x01\x0c\x01", "unexpected end of input"),				/* Map with a key and no value */
	BAD("\xc7\x02\x10\x03\x01", "unexpected end of input"),			/* Array ext: elements short of the length */
	BAD("\xc7\x03\x10\x01\x01\x02", "array index 2 past its length"),		/* Array ext: element past the length */
	BAD("\xc7\x04\x10\x01\xd4\x02\x02", "array holes past its length"),
	BAD("\xc7\x05\x10\xce\xff\xff\xff\xff", "unexpected end of input"),		/* length 2^32 - 1, elements missing */
	BAD("\xc7\x09\x10\xcf\x00\x00\x00\x01\x00\x00\x00\x00", "array length is not a uint32"),
	BAD("\xc7\x03\x10\x00\xc0\x01", "map key is not a string or an integer"),	/* extra property with a nil key */
	/* Extra properties of an ext 16 that are indices at or past its length. */
	BAD("\xc7\x05\x10\x01\x01\xa1" "5\xc3", "array index 5 past its length"),
	BAD("\xc7\x04\x10\x01\x01\x01\xc0", "array index 1 past its length"),		/* an int key */
	BAD("\xc7\x04\x10\x00\xa1" "0\xc0", "array index 0 past its length"),
	BAD("\xc7\x10\x10\x03\xd4\x02\x03\xaa" "4294967294\xc0", "array index 4294967294 past its length"),
};

const size_t clone_corpus_len = sizeof(clone_corpus) / sizeof(clone_corpus[0]);
