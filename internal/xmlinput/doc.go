// Package xmlinput is the XML input layer that gpxio and tcxio share, so
// that a GPX and a TCX file with the same bytes read the same:
//
//   - [Reader], the bounded byte reader their encoding/xml decoders read
//     from: it stops a single token from growing past a limit (encoding/xml
//     buffers a whole token before returning it), fails as [ReadInput]
//     does on a misbehaving io.Reader, and maps the decoder's offsets back
//     to the input's bytes;
//   - the charsets an XML declaration may name ([Reader.CharsetReader]);
//   - the byte order mark and XML white space ([CutBOM], [IsSpace],
//     [TrimSpace]);
//   - xsd:dateTime, the time format of both ([ParseTime], [Time]);
//   - the choice between a fast reader and the reference reader
//     ([Decode], [ErrFallback], [ReadInput]).
//
// # Charsets
//
// UTF-8 is read as it is (encoding/xml itself does). The single-byte
// labels GPS software has been seen to write are read as the WHATWG
// Encoding Standard, which every browser follows, reads them: US-ASCII,
// ISO-8859-1 (and its aliases) and Windows-1252 all decode as
// Windows-1252. Files that declare US-ASCII or ISO-8859-1 and hold a byte
// of 0x80 or above were written by software that did not care about the
// declaration, in practice on Windows with its code page 1252: "R\xe9cup"
// is "Récup", and 0x92 is a typographic apostrophe rather than an
// invisible C1 control character. Any other label is an error.
//
// # Times
//
// [ParseTime] reads xsd:dateTime as GPX and TCX writers produce it, a
// little more leniently than RFC 3339: see its documentation.
package xmlinput
