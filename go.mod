module github.com/runcheck/runcheck

go 1.26.0

require (
	github.com/muktihari/fit v0.28.3 // indirect
	github.com/rogpeppe/go-internal v1.16.0 // indirect
	github.com/tkrajina/gpxgo v1.4.0 // indirect
	golang.org/x/net v0.0.0-20210614182718-04defd469f4e // indirect
	golang.org/x/sync v0.25.0 // indirect
	golang.org/x/text v0.40.0 // indirect
	gonum.org/v1/gonum v0.17.0 // indirect
)
