package fitio_test

import (
	"bytes"
	"fmt"
	"log"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"github.com/runcheck/runcheck/fitio"
)

// exampleFile encodes a three-second run, as a watch would write it.
func exampleFile() []byte {
	start := time.Date(2024, time.May, 1, 6, 0, 0, 0, time.UTC)
	mesgs := []proto.Message{
		mesgdef.NewFileId(nil).SetType(typedef.FileActivity).SetManufacturer(typedef.ManufacturerGarmin).ToMesg(nil),
		mesgdef.NewSport(nil).SetSport(typedef.SportRunning).SetName("Run").ToMesg(nil),
	}
	for i := range 3 {
		mesgs = append(mesgs, mesgdef.NewRecord(nil).
			SetTimestamp(start.Add(time.Duration(i)*time.Second)).
			SetDistanceScaled(3*float64(i)).
			SetHeartRate(uint8(120+i)).
			ToMesg(nil))
	}
	var buf bytes.Buffer
	if err := encoder.New(&buf).Encode(&proto.FIT{Messages: mesgs}); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

func ExampleDecode() {
	a, err := fitio.Decode(bytes.NewReader(exampleFile()))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Meta.Manufacturer, a.Meta.Sport, a.Meta.Names.SportProfile, a.Start)
	fmt.Println("time", a.Samples.Time)
	fmt.Println("distance", a.Samples.Distance)
	fmt.Println("heart rate", a.Samples.HeartRate)
	fmt.Println("speed recorded:", a.Samples.Speed != nil)
	// Output:
	// garmin running Run 2024-05-01 06:00:00 +0000 UTC
	// time [0 1 2]
	// distance [0 3 6]
	// heart rate [120 121 122]
	// speed recorded: false
}

func ExampleDecoder_lenient() {
	file := exampleFile()
	cut := file[:len(file)-4] // the end of the last record is lost

	_, err := fitio.Decode(bytes.NewReader(cut))
	fmt.Println(err)

	d := fitio.Decoder{Lenient: true}
	a, err := d.Decode(bytes.NewReader(cut))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Samples.Len(), "samples")
	fmt.Println(a.Warnings[0])
	// Output:
	// fit: record: at byte 83: truncated file: the file ends at byte 91; the header at byte 0 declares 79 bytes of data and a 2-byte CRC
	// 2 samples
	// decoded up to the damage: fit: record: at byte 83: truncated file: the file ends at byte 91; the header at byte 0 declares 79 bytes of data and a 2-byte CRC
}
