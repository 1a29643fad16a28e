/*
 * rt_encodings.h - the WHATWG Encoding standard's labels.
 *
 * encoding_for_label() maps a label, already trimmed of ASCII white space
 * and ASCII-lowercased as the standard's "get an encoding" does, to the
 * encoding's name as TextDecoder.encoding reports it ("utf-8",
 * "windows-1252", "utf-16le", ...), or NULL for a label the standard does
 * not know.  The names are static strings.
 */
#ifndef RT_ENCODINGS_H
#define RT_ENCODINGS_H

const char *encoding_for_label(const char *label);

#endif
