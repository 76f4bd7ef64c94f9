module github.com/runcheck/runcheck/internal/cmd/benchcmp

go 1.26.0

require (
	github.com/runcheck/runcheck v0.0.0
	github.com/tkrajina/gpxgo v1.4.0
)

require (
	golang.org/x/net v0.0.0-20210614182718-04defd469f4e // indirect
	golang.org/x/text v0.40.0 // indirect
)

replace github.com/runcheck/runcheck => ../../..
