package fitio

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/proto"
)

// skipBadDeveloperDefinitions returns seq, the FIT sequence that starts at
// byte pos of the file, with the invalid definitions of developer data
// skipped, and a warning for each:
//
//   - a field of a developer_data_id or field_description definition whose
//     base type FIT does not have is given the base type byte: its bytes are
//     kept but no longer read as a number, which skips the field.
//     GoldenCheetah's re-saved FIT files give developer_data_id's
//     application_version the base type 0x06 (uint32 without its endianness
//     bit);
//   - a field_description message whose fit_base_type_id FIT does not have
//     describes its developer field as bytes instead, which skips it.
//
// The FIT library rejects both, and with them the whole file; other
// decoders (the FIT SDK's, fitdecode, GoldenCheetah's own) read such files,
// and so does this package. Developer fields are skipped anyway, so no
// figure changes.
//
// seq itself is never modified: when a field is skipped the result is a copy.
// The sizes are unchanged, so every offset of the copy is that of seq. A
// definition of another message with an invalid base type is left as it is:
// that is damage, which the library reports. The scan stops, leaving the
// rest of seq as it is, at the first byte it cannot frame (a data message
// of an undefined local type, a definition cut short), where the library
// stops too.
func skipBadDeveloperDefinitions(seq []byte, headerSize, pos int) ([]byte, []string) {
	end := len(seq) - 2 // the file CRC, or bytes the library cannot decode
	if headerSize > end {
		return seq, nil
	}
	var (
		out      = seq
		warnings []string
		size     [16]int
		defined  [16]bool
		// baseTypeAt is, per local type of a field_description definition,
		// the offset of fit_base_type_id in the message's data; -1 for
		// other messages and when the field is absent.
		baseTypeAt [16]int
	)
	for off := headerSize; off < end; {
		h := seq[off]
		if h&proto.MesgCompressedHeaderMask != 0 || h&proto.MesgDefinitionMask == 0 {
			local := localType(h)
			if !defined[local] || off+1+size[local] > end {
				break
			}
			if at := off + 1 + baseTypeAt[local]; baseTypeAt[local] >= 0 && !basetype.BaseType(seq[at]).Valid() {
				if &out[0] == &seq[0] {
					out = bytes.Clone(seq)
				}
				out[at] = byte(basetype.Byte)
				warnings = append(warnings, fmt.Sprintf(
					"the field_description message at byte %d gives its developer field the base type 0x%02x, which FIT does not have; "+
						"the field is skipped, as other FIT decoders do", pos+off, seq[at]))
			}
			off += 1 + size[local]
			continue
		}
		if off+6 > end {
			break
		}
		num := typedef.MesgNum(binary.LittleEndian.Uint16(seq[off+3:]))
		if seq[off+2] != proto.LittleEndian { // as the library reads it: any other value is big-endian
			num = typedef.MesgNum(binary.BigEndian.Uint16(seq[off+3:]))
		}
		fields, n := off+6, int(seq[off+5])
		next := fields + 3*n
		if next > end {
			break
		}
		data, typeAt := 0, -1
		for i := range n {
			if num == typedef.MesgNumFieldDescription && seq[fields+3*i] == fieldnum.FieldDescriptionFitBaseTypeId && seq[fields+3*i+1] == 1 {
				typeAt = data
			}
			data += int(seq[fields+3*i+1])
		}
		if h&proto.DevDataMask != 0 {
			if next >= end {
				break
			}
			m := int(seq[next])
			if next+1+3*m > end {
				break
			}
			for i := range m {
				data += int(seq[next+1+3*i+1])
			}
			next += 1 + 3*m
		}
		if num == typedef.MesgNumDeveloperDataId || num == typedef.MesgNumFieldDescription {
			for i := range n {
				at := fields + 3*i + 2
				if basetype.BaseType(seq[at]).Valid() {
					continue
				}
				if &out[0] == &seq[0] {
					out = bytes.Clone(seq)
				}
				out[at] = byte(basetype.Byte)
				warnings = append(warnings, fmt.Sprintf(
					"the definition of message %s (%d) at byte %d gives its field %d the base type 0x%02x, which FIT does not have; "+
						"the field is skipped, as other FIT decoders do (GoldenCheetah writes such files)",
					mesgName(num), num, pos+off, i+1, seq[at]))
			}
		}
		local := h & proto.LocalMesgNumMask
		size[local], defined[local], baseTypeAt[local] = data, true, typeAt
		off = next
	}
	return out, warnings
}
